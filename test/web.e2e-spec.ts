import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { launchBrowser, SCREENSHOTS, seeCount, seeText } from './support/browser';
import { roles, startTestCentral, TestCentral } from './support/central';
import { landUpdate, PUSH } from './support/updates';

/** The leadership views in a real browser, against the real demo app. */
describe('leadership web views (Chromium)', () => {
  let sut: TestCentral;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  // A context of its own, not browser.newPage()'s: axe finishes its run in a second page of it.
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });

  async function signInAs(label: string): Promise<void> {
    await page.goto(`${sut.url}/#/signin`);
    await page.getByRole('button', { name: label }).click();
  }

  /** What axe finds against WCAG 2.1 A and AA on the page as drawn, one line per element. */
  async function wcagViolations(): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    return violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`),
    );
  }

  it('a minister signs in, sees the queue worst first, acknowledges one and sees it change', async () => {
    await signInAs('Bộ trưởng Bộ TN&MT');
    await page.waitForSelector('#queue tbody tr');
    await shot('queue-minister');
    const rows = page.locator('#queue tbody tr');
    // the minister's own level first: the connection standard, with provinces waiting
    const first = rows.first();
    await seeText(first.locator('td').first(), 'Bộ trưởng');
    const dependency = page.locator('#queue tbody tr[data-reason="DEPENDENCY_LATE"]');
    await seeText(dependency.locator('td').nth(1), /Hạng mục trung ương chậm \(\d+ Đơn vị chờ\)/);
    await seeText(dependency.locator('td').nth(3), 'Chuẩn kết nối, chia sẻ dữ liệu đất đai');
    // only LAND (owned by BTNMT) is in the minister's scope
    const programs = await page.locator('#queue tbody tr td:nth-child(4) .muted').allTextContents();
    expect(new Set(programs)).toEqual(new Set(['Cơ sở dữ liệu đất đai quốc gia']));

    await dependency.getByRole('button', { name: 'Xác nhận' }).click();
    await seeText(
      page.locator('#queue tbody tr[data-reason="DEPENDENCY_LATE"] td.state'),
      'Đã xác nhận',
    );
    await shot('queue-acknowledged');
    const state = await sut.gql(
      `{ escalations(filter: { level: [MINISTER], programCode: "LAND" }) { edges { node { reason state acknowledgedBy } } } }`,
    );
    expect(
      state
        .data!.escalations.edges.map((e: any) => e.node)
        .find((n: any) => n.reason === 'DEPENDENCY_LATE'),
    ).toEqual({
      reason: 'DEPENDENCY_LATE',
      state: 'ACKNOWLEDGED',
      acknowledgedBy: 'demo-bo-truong-btnmt',
    });
  });

  it('the 1+63 board changes without a reload when a province reports', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/board/LAND`);
    const cell = page.locator('tr[data-province="01"] a[data-key="LAND-P-02"]');
    await seeText(cell, '55%');
    await seeCount(page.locator('#board tbody tr'), 63);
    await shot('board-land');
    const marker = await page.evaluate(
      () => ((globalThis as unknown as { marker: number }).marker = Math.random()),
    );

    const r = await sut.gql(
      PUSH,
      { updates: [landUpdate('01', 1, { percentComplete: 83 })] },
      sut.token(roles.provinceNode('01')),
    );
    expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
    await seeText(cell, '83%');
    // same page: no reload happened
    expect(await page.evaluate(() => (globalThis as unknown as { marker: number }).marker)).toBe(
      marker,
    );
    await shot('board-after-report');

    await page.fill('#q', 'da nang');
    await seeCount(page.locator('#board tbody tr'), 1);
    await seeText(page.locator('#board tbody tr td').first(), 'Đà Nẵng');

    // a change reloads the board in place: the filter and the place typed in stay
    await page.waitForSelector('#live', { state: 'visible' });
    const daNang = (await page.locator('#board tbody tr').getAttribute('data-province'))!;
    const again = await sut.gql(
      PUSH,
      { updates: [landUpdate(daNang, 1, { percentComplete: 61 })] },
      sut.token(roles.provinceNode(daNang)),
    );
    expect(again.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
    await seeText(page.locator('#board tbody tr a[data-key="LAND-P-02"]'), '61%');
    expect(await page.locator('#board tbody tr').count()).toBe(1);
    expect(await page.inputValue('#q')).toBe('da nang');
    expect(await page.locator('#q').evaluate((q) => q === q.ownerDocument.activeElement)).toBe(
      true,
    );
  });

  it('a leader resolves an escalation only with a note, and is told so', async () => {
    await signInAs('Bộ trưởng Bộ TN&MT');
    await page.waitForSelector('#queue tbody tr');
    // not the one the other tests look at
    const row = page.locator('#queue tbody tr:not([data-reason="DEPENDENCY_LATE"])').last();
    const id = (await row.getAttribute('data-id'))!;
    await row.getByRole('button', { name: 'Giải quyết' }).click();
    await seeText(page.getByRole('alert'), 'Cần nhập ghi chú để giải quyết.');
    await row.getByRole('textbox').fill('Đã họp với Sở TN&MT, thống nhất lịch');
    await row.getByRole('button', { name: 'Giải quyết' }).click();
    // resolved, it leaves the queue (which lists the live ones), and no error stays
    await seeCount(page.locator(`#queue tbody tr[data-id="${id}"]`), 0);
    expect(await page.getByRole('alert').count()).toBe(0);
    const r = await sut.gql(
      `{ escalations(filter: { state: [RESOLVED] }, first: 200) { edges { node { id state note } } } }`,
    );
    const resolved = r.data!.escalations.edges.find((e: any) => e.node.id === id);
    expect(resolved?.node).toEqual({
      id,
      state: 'RESOLVED',
      note: 'Đã họp với Sở TN&MT, thống nhất lịch',
    });
  });

  it('a view the user leaves before it loads has its request aborted', async () => {
    // Signing in opens the dashboard; the user goes straight on to a board. The
    // dashboard's answer is held back until the board is drawn.
    let releaseDashboard!: () => void;
    const dashboardHeld = new Promise<void>((r) => (releaseDashboard = r));
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('nationalDashboard')) await dashboardHeld;
      await route.continue().catch(() => undefined); // the page may have let go of it
    });
    const dashboardFailed = page.waitForEvent('requestfailed', (r) =>
      (r.postData() ?? '').includes('nationalDashboard'),
    );
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/board/LAND`);
    await seeCount(page.locator('#board tbody tr'), 63);
    expect((await dashboardFailed).failure()?.errorText).toBe('net::ERR_ABORTED');
    releaseDashboard();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    expect(await page.locator('#board tbody tr').count()).toBe(63);
    expect(await page.locator('h1').first().textContent()).toContain('Cơ sở dữ liệu đất đai');
    expect(await page.locator('.error').count()).toBe(0); // the abort is no error to show
  });

  it('a view still loading never draws over the one the user went on to', async () => {
    // As if each abort came too late, its answer already in hand: drawing is guarded too.
    await page.addInitScript(() => {
      AbortController.prototype.abort = () => undefined;
    });
    // Signing in opens the dashboard; the user goes straight on to a board. The
    // dashboard's answer is held back until the board is drawn, then let through.
    let releaseDashboard!: () => void;
    const dashboardHeld = new Promise<void>((r) => (releaseDashboard = r));
    let dashboardAsked = false;
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('nationalDashboard')) {
        dashboardAsked = true;
        await dashboardHeld;
      }
      await route.continue();
    });
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/board/LAND`);
    await seeCount(page.locator('#board tbody tr'), 63);
    expect(dashboardAsked).toBe(true);
    // Settles once the page has parsed the dashboard's answer and the code awaiting it has
    // run: a task queued when the body is parsed runs after those promise continuations.
    await page.evaluate(() => {
      const proto = Response.prototype as { json(this: Response): Promise<unknown> };
      const json = proto.json;
      const w = globalThis as unknown as { dashboardHandled: Promise<void> };
      w.dashboardHandled = new Promise<void>((handled) => {
        proto.json = function (this: Response) {
          const body = json.call(this) as Promise<{ data?: { nationalDashboard?: unknown } }>;
          void body.then(
            (b) => b?.data?.nationalDashboard && setTimeout(handled),
            () => undefined,
          );
          return body;
        };
      });
    });
    releaseDashboard();
    await page.waitForResponse(
      (r) => r.request().postData()?.includes('nationalDashboard') ?? false,
    );
    await page.evaluate(
      () => (globalThis as unknown as { dashboardHandled: Promise<void> }).dashboardHandled,
    );
    expect(await page.locator('#board tbody tr').count()).toBe(63);
    expect(await page.locator('h1').first().textContent()).toContain('Cơ sở dữ liệu đất đai');
  });

  it('the national dashboard and a milestone page render in Vietnamese, with an English switch', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/`);
    await seeText(page.locator('h1'), 'Tổng quan quốc gia');
    await seeText(page.locator('main'), 'Cơ sở dữ liệu quốc gia về dân cư');
    await seeText(page.locator('main'), 'Bộ Tài nguyên và Môi trường');
    await shot('dashboard-vi');
    await page.click('#lang');
    await seeText(page.locator('h1'), 'National overview');
    await shot('dashboard-en');
    await page.click('#lang');

    await page.goto(`${sut.url}/#/board/LAND`);
    await page.locator('tr[data-province="01"] a[data-key="LAND-P-02"]').click();
    await seeText(page.locator('h1'), 'Số hóa hồ sơ địa chính');
    await seeText(page.locator('main'), 'Hà Nội');
    await shot('milestone');
  });

  it('exports the board and the queue as CSV and XLSX with Vietnamese headers', async () => {
    await signInAs('Bộ trưởng Bộ TN&MT');
    await page.waitForSelector('#queue tbody tr');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải CSV' }).click(),
    ]);
    const csvText = (await readFile((await csv.path())!)).toString('utf8');
    expect(csv.suggestedFilename()).toBe('kien-nghi.csv');
    expect(csvText.startsWith('\ufeff"Cấp xử lý","Lý do","Số ngày","Mốc công việc"')).toBe(true);
    expect(csvText).toContain('"Chuẩn kết nối, chia sẻ dữ liệu đất đai"');

    await page.goto(`${sut.url}/#/board/LAND`);
    await page.waitForSelector('#board tbody tr');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('bang-1-63-LAND.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Tỉnh/thành phố');
    expect(sheet.rowCount).toBe(64);
    expect(sheet.getRow(2).getCell(1).value).toBe('Hà Nội');
  });

  it('fits a tablet', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await signInAs('Lãnh đạo UBND tỉnh Bắc Kạn');
    await page.waitForSelector('#queue tbody tr');
    await seeText(page.locator('#who'), 'Lãnh đạo đơn vị · 06');
    // a province's leadership sees its own province's escalations at or below its level
    const units = await page.locator('#queue tbody tr td:nth-child(5)').allTextContents();
    expect(new Set(units)).toEqual(new Set(['Bắc Kạn']));
    const levels = await page.locator('#queue tbody tr td:first-child').allTextContents();
    expect(levels.every((l) => ['Phòng, ban', 'Lãnh đạo đơn vị'].includes(l.trim()))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'queue-province-leader-tablet.png') });
    await page.goto(`${sut.url}/#/board/LAND`);
    await page.waitForSelector('#board tbody tr');
    await page.screenshot({ path: join(SCREENSHOTS, 'board-tablet.png') });
    // nothing but the board's own scroller overflows the page sideways
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('every view meets WCAG 2.1 AA as far as axe can tell', async () => {
    const found: Record<string, string[]> = {};
    await page.goto(`${sut.url}/#/signin`);
    await page.waitForSelector('[data-identity]');
    found.signIn = await wcagViolations();

    await page.getByRole('button', { name: 'Văn phòng chương trình (PMO)' }).click();
    await seeText(page.locator('h1'), 'Tổng quan quốc gia');
    await page.waitForSelector('main table tbody tr');
    found.dashboard = await wcagViolations();
    await page.click('#lang');
    await seeText(page.locator('h1'), 'National overview');
    found.dashboardEnglish = await wcagViolations();
    await page.click('#lang');
    await seeText(page.locator('h1'), 'Tổng quan quốc gia');

    await page.goto(`${sut.url}/#/board/LAND`);
    await seeCount(page.locator('#board tbody tr'), 63);
    found.board = await wcagViolations();

    await page.locator('tr[data-province="01"] a[data-key="LAND-P-02"]').click();
    await seeText(page.locator('h1'), 'Số hóa hồ sơ địa chính');
    found.milestone = await wcagViolations();

    await signInAs('Bộ trưởng Bộ TN&MT');
    await page.waitForSelector('#queue tbody tr');
    found.queue = await wcagViolations();

    expect(found).toEqual({
      signIn: [],
      dashboard: [],
      dashboardEnglish: [],
      board: [],
      milestone: [],
      queue: [],
    });
  });

  it('serves the libraries of the views from their packages, and nothing outside them', async () => {
    const served = [];
    for (const path of [
      '/vendor/lit-html/lit-html.js',
      '/vendor/lit-html/directives/keyed.js',
      '/vendor/graphql-ws/client.js',
    ]) {
      const res = await fetch(`${sut.url}${path}`);
      served.push([path, res.status, res.headers.get('content-type')]);
    }
    expect(served).toEqual([
      ['/vendor/lit-html/lit-html.js', 200, 'text/javascript; charset=utf-8'],
      ['/vendor/lit-html/directives/keyed.js', 200, 'text/javascript; charset=utf-8'],
      ['/vendor/graphql-ws/client.js', 200, 'text/javascript; charset=utf-8'],
    ]);
    // Sent as written (fetch would resolve the dots): each would reach a package.json.
    const raw = (path: string) =>
      new Promise<[string, number, string]>((resolve, reject) => {
        get(`${sut.url}${path}`, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve([path, res.statusCode!, body]));
        }).on('error', reject);
      });
    // Dots that stay inside the folder are followed, so these paths do reach the static files.
    expect((await raw('/vendor/lit-html/directives/..%2flit-html.js'))[1]).toBe(200);
    expect((await raw('/vendor/lit-html/directives/../lit-html.js'))[1]).toBe(200);
    for (const path of [
      '/vendor/lit-html/../../package.json',
      '/vendor/lit-html/..%2f..%2fpackage.json',
      '/vendor/lit-html/%2e%2e/%2e%2e/package.json',
      '/vendor/graphql-ws/..%2fpackage.json',
      '/vendor/graphql-ws/%2e%2e%5cpackage.json',
    ]) {
      const [, status, body] = await raw(path);
      expect([path, status, body.includes('"version"')]).toEqual([path, 404, false]);
    }
  });
});
