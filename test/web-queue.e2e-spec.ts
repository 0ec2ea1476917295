import { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREENSHOTS, seeCount, seeText } from './support/browser';
import { leadershipViews } from './support/web-views';

/** A leader's queue in a real browser: acting on escalations, exporting the lists, a tablet's screen. */
describe('leadership web views: the escalation queue (Chromium)', () => {
  let page: Page;
  const { sut, shot, signInAs } = leadershipViews((opened) => (page = opened));

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
});
