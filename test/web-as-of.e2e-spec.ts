import { Page } from 'playwright-core';
import { seeCount, seeText } from './support/browser';
import { leadershipViews } from './support/web-views';

const AT = '2025-09-15';

/** The board and the overview read as of a day, on the demo of 15 September 2025, in a real browser. */
describe('leadership web views: as of a day (Chromium)', () => {
  let page: Page;
  const { sut, shot, signInAs, wcagViolations } = leadershipViews((opened) => (page = opened), {
    clockNow: `${AT}T05:00:00Z`,
    env: { DEMO_AT: AT },
  });

  it('the board reads 1+34 today and 1+63 dated 2020, the day kept in the address', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/board/LAND`);
    await seeCount(page.locator('#board tbody tr'), 34);
    await seeText(page.locator('h1'), /1\+34/);
    await shot('board-land-2025');

    await page.fill('#asOf', '2020-03-01');
    await page.locator('#asOf').dispatchEvent('change');
    await seeCount(page.locator('#board tbody tr'), 63);
    await seeText(page.locator('h1'), /1\+63/);
    expect(page.url()).toMatch(/#\/board\/LAND\?asOf=2020-03-01$/);
    // Hà Giang is a row of its own in 2020, and its cells are as they stood then
    await seeText(page.locator('tr[data-province="02"] td').first(), 'Hà Giang');
    await shot('board-land-as-of-2020');
    expect(await wcagViolations()).toEqual([]);

    // back to today: the picker emptied
    await page.fill('#asOf', '');
    await page.locator('#asOf').dispatchEvent('change');
    await seeCount(page.locator('#board tbody tr'), 34);
    expect(page.url()).toMatch(/#\/board\/LAND$/);
  });

  it('the overview as of a day says so, and its boards open on that day', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/?asOf=2020-03-01`);
    await seeText(page.locator('p.muted strong'), '2020-03-01');
    expect(await page.inputValue('#asOf')).toBe('2020-03-01');
    await shot('overview-as-of-2020');
    await page.getByRole('link', { name: 'Cơ sở dữ liệu đất đai' }).first().click();
    await seeCount(page.locator('#board tbody tr'), 63);
    expect(page.url()).toMatch(/#\/board\/LAND\?asOf=2020-03-01$/);
  });
});
