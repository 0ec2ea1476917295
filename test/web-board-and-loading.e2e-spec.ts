import { Page } from 'playwright-core';
import { seeCount, seeText } from './support/browser';
import { roles } from './support/central';
import { landUpdate, PUSH } from './support/updates';
import { leadershipViews } from './support/web-views';

/** The 1+63 board kept live, views that load while the user moves on, and the language switch, in a real browser. */
describe('leadership web views: the board and loading views (Chromium)', () => {
  let page: Page;
  const { sut, shot, signInAs } = leadershipViews((opened) => (page = opened));
  /** Settles once the overview's request has left the page (start it before the request is sent). */
  const dashboardAsked = () =>
    page.waitForRequest((r) => (r.postData() ?? '').includes('nationalDashboard'));

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
    const asked = dashboardAsked();
    await signInAs('Văn phòng chương trình (PMO)');
    await asked; // the user leaves while it loads, not before it starts
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
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('nationalDashboard')) await dashboardHeld;
      await route.continue();
    });
    const asked = dashboardAsked();
    await signInAs('Văn phòng chương trình (PMO)');
    await asked;
    await page.goto(`${sut.url}/#/board/LAND`);
    await seeCount(page.locator('#board tbody tr'), 63);
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
});
