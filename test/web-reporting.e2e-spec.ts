import { Page } from 'playwright-core';
import { seeCount, seeText } from './support/browser';
import { roles } from './support/central';
import { landUpdate, PUSH } from './support/updates';
import { leadershipViews } from './support/web-views';
import { downloadCsv, downloadXlsx } from './support/web-exports';

const COMPLETENESS = `query($period: String!, $program: ID) {
  reportingCompleteness(period: $period, programCode: $program) {
    period deadline expected received onTime completeness timeliness
    provinces { unit { code name } expected received onTime completeness timeliness }
  }
}`;

interface Row {
  unit?: { code: string; name: string };
  expected: number;
  received: number;
  onTime: number;
  completeness: number;
  timeliness: number;
}
interface Month extends Row {
  period: string;
  deadline: string;
  provinces: Row[];
}

// Today is 1 March 2020: the six months end with February, whose deadline (5 March) is ahead.
const PERIODS = ['2019-09', '2019-10', '2019-11', '2019-12', '2020-01', '2020-02'];
const HEADERS_VI = [
  'tháng 9/2019',
  'tháng 10/2019',
  'tháng 11/2019',
  'tháng 12/2019',
  'tháng 1/2020',
  'tháng 2/2020 đang mở đến 05/03/2020',
];

const sameRow = (a: string[] | undefined, b: string[]) => JSON.stringify(a) === JSON.stringify(b);

const percentVi = (share: number) =>
  `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(share * 100)}%`;

/** What a cell should say, from the API's counts: a symbol, the completeness, how many came late. */
function cue(r: Row): string {
  if (r.expected === 0) return '—';
  const symbol = r.completeness >= 1 ? '✓' : r.completeness >= 0.5 ? '◑' : '✕';
  const late = r.received - r.onTime;
  return `${symbol} ${percentVi(r.completeness)}${late ? ` · ${late} trễ` : ''}`;
}

/**
 * The order the page promises: worst first by the closed months' sums (completeness, then
 * timeliness), ties in the latest month's order, which is the API's worst first.
 */
function worstFirst(months: Month[]): string[] {
  const closed = months.slice(0, -1); // February is open
  const latest = months.at(-1)!.provinces.map((r) => r.unit!.code);
  const share = (code: string, key: 'received' | 'onTime') => {
    const rows = closed.flatMap((m) => m.provinces.filter((r) => r.unit!.code === code));
    const expected = rows.reduce((s, r) => s + r.expected, 0);
    return expected ? rows.reduce((s, r) => s + r[key], 0) / expected : 1;
  };
  return [...latest].sort(
    (a, b) =>
      share(a, 'received') - share(b, 'received') ||
      share(a, 'onTime') - share(b, 'onTime') ||
      latest.indexOf(a) - latest.indexOf(b),
  );
}

/** Reporting completeness on the overview and its own page, on the 2020 demo (today 1 March 2020), in a real browser. */
describe('leadership web views: reporting completeness (Chromium)', () => {
  let page: Page;
  const { sut, shot, signInAs, wcagViolations } = leadershipViews((opened) => (page = opened));

  async function months(program: string | null = null): Promise<Month[]> {
    return Promise.all(
      PERIODS.map(async (period) => {
        const r = await sut.gql(COMPLETENESS, { period, program });
        expect(r.errors).toBeUndefined();
        return r.data!.reportingCompleteness as Month;
      }),
    );
  }

  /** The grid as drawn: each row's header and cells' texts, in order. */
  const grid = (): Promise<string[][]> =>
    page
      .locator('#completeness tbody tr, #completeness tfoot tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
        ),
      );

  it('the completeness page: provinces × the last 6 months, worst first, the open month marked, national totals', async () => {
    const api = await months();
    await signInAs('Văn phòng chương trình (PMO)');
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await seeText(page.locator('h1'), 'Báo cáo định kỳ của các tỉnh');
    await seeCount(page.locator('#completeness tbody tr'), 63);
    const headers = await page.locator('#completeness thead th').allTextContents();
    expect(headers.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual([
      'Tỉnh/thành phố',
      ...HEADERS_VI,
    ]);

    const order = worstFirst(api);
    const cells = new Map(
      api.map((m) => [m.period, new Map(m.provinces.map((r) => [r.unit!.code, r]))]),
    );
    const expected = [
      ...order.map((code) => {
        const first = cells.get(PERIODS[0])!.get(code) ?? cells.get(PERIODS[5])!.get(code)!;
        return [first.unit!.name, ...PERIODS.map((p) => cue(cells.get(p)!.get(code)!))];
      }),
      ['Cả nước', ...api.map(cue)],
    ];
    expect(await grid()).toEqual(expected);
    // the demo has months not fully reported: the page is not all ticks
    expect(expected.flat().some((c) => c.startsWith('✕') || c.startsWith('◑'))).toBe(true);
    expect(await page.locator(`#completeness tbody tr`).first().getAttribute('data-province')).toBe(
      order[0],
    );
    await shot('reporting-completeness');
    expect(await wcagViolations()).toEqual([]);

    // one programme: the grid of its milestones alone, kept in the address
    await page.selectOption('#program', 'LAND');
    expect(page.url()).toMatch(/#\/reporting\?program=LAND$/);
    const land = await months('LAND');
    // the first cells ('—') read alike for every programme: wait for the whole row
    const national = ['Cả nước', ...land.map(cue)];
    for (let i = 0; i < 100 && !sameRow((await grid()).at(-1), national); i += 1)
      await page.waitForTimeout(100);
    expect((await grid()).at(-1)).toEqual(national);
    expect((await grid()).map((r) => r[0]).slice(0, -1)).toEqual(
      worstFirst(land).map(
        (code) => land[5].provinces.find((r) => r.unit!.code === code)!.unit!.name,
      ),
    );
    await shot('reporting-completeness-land');
  });

  it("a province's reports for January, sent now, fill its cell and count as late", async () => {
    // a province that sent none of January's LAND reports, and its milestones open on 1 January
    const january = (await months('LAND'))[4];
    const silent = january.provinces.find((r) => r.received === 0 && r.expected > 0)!;
    const code = silent.unit!.code;
    const open = await sut.gql(
      `query($unit: ID!) { milestones(filter: { programCode: "LAND", unitCode: $unit, asOf: "2019-12-31" }, first: 200) {
        edges { node { key status } } } }`,
      { unit: code },
    );
    const keys = open
      .data!.milestones.edges.map((e: { node: { key: string; status: string } }) => e.node)
      .filter((m: { status: string }) => !['DONE', 'CANCELLED'].includes(m.status))
      .map((m: { key: string }) => m.key);
    expect(keys).toHaveLength(silent.expected);

    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/reporting?program=LAND`);
    const cell = page.locator(
      `#completeness tr[data-province="${code}"] td[data-period="2020-01"]`,
    );
    await seeText(cell, '✕ 0%');
    await page.waitForSelector('#live', { state: 'visible' });
    const pushed = await sut.gql(
      PUSH,
      {
        updates: keys.map((key: string, i: number) =>
          landUpdate(code, i + 1, { key, reportedAt: '2020-01-20T09:00:00+07:00' }),
        ),
      },
      sut.token(roles.provinceNode(code)),
    );
    expect(pushed.errors).toBeUndefined();
    // received on 1 March, after January's deadline of 5 February: all of them late
    await seeText(cell, `✓ 100% · ${keys.length} trễ`);
    await cell.scrollIntoViewIfNeeded(); // the province has moved down the ranking
    await shot('reporting-after-january-reports');
  });

  it("the overview's league: the ten provinces that reported least last month, worst first", async () => {
    const february = (await months())[5];
    await signInAs('Văn phòng chương trình (PMO)');
    await seeText(page.locator('#league h2'), 'Tỉnh báo cáo kém nhất, tháng 2/2020');
    const rows = await page
      .locator('#league tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
      );
    expect(rows).toEqual(
      february.provinces.slice(0, 10).map((r) => [r.unit!.name, cue(r), percentVi(r.timeliness)]),
    );
    await shot('overview-reporting-league');
    await page.locator('#league').getByRole('link', { name: 'Xem tất cả các tỉnh' }).click();
    await seeCount(page.locator('#completeness tbody tr'), 63);
  });

  it('the overview stands without its league: a failed completeness read is said in its place', async () => {
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('reportingCompleteness'))
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ errors: [{ message: 'máy chủ đang bận' }] }),
        });
      else await route.continue();
    });
    await signInAs('Văn phòng chương trình (PMO)');
    await seeText(page.locator('#league .error'), 'Phần này chưa tải được: máy chủ đang bận');
    // the programmes and the indicators still show
    expect(await page.locator('main table').first().locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#league table').count()).toBe(0);
  });

  it('exports the grid as CSV and Excel: per month completeness, timeliness and late, and the national row', async () => {
    const api = await months();
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/reporting`);
    await seeCount(page.locator('#completeness tbody tr'), 63);
    const first = (await page
      .locator('#completeness tbody tr')
      .first()
      .getAttribute('data-province'))!;
    const figures = (r: Row) => [
      Math.round(r.completeness * 1000) / 10,
      Math.round(r.timeliness * 1000) / 10,
      r.received - r.onTime,
    ];
    const firstRow = api.map((m) => m.provinces.find((r) => r.unit!.code === first)!);

    const csv = await downloadCsv(page, page.getByRole('button', { name: 'Tải CSV' }));
    expect(csv.name).toBe('bao-cao-dinh-ky-2019-09-2020-02.csv');
    expect(csv.rows[0].slice(0, 4)).toEqual([
      'Tỉnh/thành phố',
      '2019-09 Đầy đủ (%)',
      '2019-09 Đúng hạn (%)',
      '2019-09 Trễ hạn',
    ]);
    expect(csv.rows).toHaveLength(1 + 63 + 1);
    expect(csv.rows[1]).toEqual([firstRow[0].unit!.name, ...firstRow.flatMap(figures).map(String)]);
    expect(csv.rows.at(-1)).toEqual(['Cả nước', ...api.flatMap(figures).map(String)]);

    const xlsx = await downloadXlsx(page, page.getByRole('button', { name: 'Tải Excel' }));
    expect(xlsx.name).toBe('bao-cao-dinh-ky-2019-09-2020-02.xlsx');
    expect(xlsx.rows).toHaveLength(1 + 63 + 1);
    expect(xlsx.rows.at(-1)).toEqual(['Cả nước', ...api.flatMap(figures)]);
  });
});
