import { Locator, Page } from 'playwright-core';
import { seeCount, seeText } from './support/browser';
import {
  defineIndicator,
  indicatorValue as value,
  pushAgencyValues,
  pushValues,
} from './support/indicators';
import { leadershipViews } from './support/web-views';
import { downloadCsv, downloadXlsx } from './support/web-exports';

/** What a chart drawn on a canvas holds: Chart.js's own instance, read in the page once drawn. */
async function chartOf(page: Page, selector: string) {
  await page.waitForFunction((sel) => {
    const w = globalThis as any;
    return w.Chart?.getChart(w.document.querySelector(sel)) !== undefined;
  }, selector);
  return page.locator(selector).evaluate((canvas) => {
    const chart = (globalThis as any).Chart.getChart(canvas);
    return chart
      ? {
          type: chart.config.type as string,
          indexAxis: chart.options.indexAxis as string | undefined,
          labels: chart.data.labels as string[],
          datasets: (chart.data.datasets as any[]).map((d) => ({
            label: d.label as string,
            data: (d.data as (number | null)[]).map((v) => (v === null ? v : +v.toFixed(6))),
            borderDash: d.borderDash as number[] | undefined,
            pointStyle: d.pointStyle as string,
          })),
          drawn: chart.width > 0 && chart.height > 0,
        }
      : null;
  });
}

/** Waits for each part of a card (a selector inside it) to say its text. */
async function seeTexts(card: Locator, texts: Record<string, string>): Promise<void> {
  for (const [selector, text] of Object.entries(texts)) await seeText(card.locator(selector), text);
}

// Hà Nội's share of level-4 services rises by 0.05 points a day from 3% on 30 September 2019
// (its numerators over 1000 services, read at each month's end): 10.6% at the end of February
// 2020, and the line reaches 30% on day 540, 23 March 2021, after the target's 31/12/2020.
// In February Hà Giang (5.6%) and Cao Bằng (15.6%) report too, and leave the national 10.6%.
const HANOI: [string, number][] = [
  ['2019-09', 30],
  ['2019-10', 45.5],
  ['2019-11', 60.5],
  ['2019-12', 76],
  ['2020-01', 91.5],
  ['2020-02', 106],
];
const NATIONAL_SHARE = [0.03, 0.0455, 0.0605, 0.076, 0.0915, 0.106];
// Cao Bằng's records, one more a day from 50 on 30 September 2019: 300 on 6 June 2020, in time.
const RECORDS: [string, number][] = [
  ['2019-09', 50],
  ['2019-10', 81],
  ['2019-11', 111],
  ['2019-12', 142],
  ['2020-01', 173],
  ['2020-02', 202],
];
// The national figure alone, 4000 dossiers a month: 20%, 24%, 28%.
const NATIONAL_DOSSIERS: [string, number][] = [
  ['2019-12', 800],
  ['2020-01', 960],
  ['2020-02', 1120],
];
const MONTHS_VI = [
  'tháng 9/2019',
  'tháng 10/2019',
  'tháng 11/2019',
  'tháng 12/2019',
  'tháng 1/2020',
  'tháng 2/2020',
];

/** The indicators on the overview and their own pages, on the 2020 demo (today 1 March 2020), in a real browser. */
describe('leadership web views: indicators (Chromium)', () => {
  let page: Page;
  const { sut, shot, signInAs, wcagViolations } = leadershipViews((opened) => (page = opened));

  beforeAll(async () => {
    await defineIndicator(sut, 'L4_SHARE', 'RATIO', [
      { value: 0.3, due: '2020-12-31' },
      { value: 0.5, due: '2025-12-31' },
    ]);
    await defineIndicator(sut, 'RECORDS', 'COUNT', [{ value: 300, due: '2020-12-31' }]);
    const pushed = await Promise.all([
      pushValues(
        sut,
        '01',
        HANOI.map(([period, n], i) => value('L4_SHARE', '01', i + 1, period, n, 1000)),
      ),
      pushValues(sut, '02', [value('L4_SHARE', '02', 1, '2020-02', 5.6, 100)]),
      pushValues(sut, '04', [
        value('L4_SHARE', '04', 1, '2020-02', 15.6, 100),
        ...RECORDS.map(([period, n], i) => value('RECORDS', '04', i + 2, period, n)),
      ]),
    ]);
    const outcomes = pushed.flatMap((r) =>
      r.data!.pushMilestoneUpdates.indicatorResults.map((x: { outcome: string }) => x.outcome),
    );
    expect(outcomes).toEqual(Array(14).fill('APPLIED'));

    // the Government Office's national share of dossiers processed online: its figure alone
    await defineIndicator(sut, 'NATIONAL_DOSSIERS', 'RATIO', [{ value: 0.3, due: '2020-12-31' }], {
      ownerCode: 'VPCP',
      reportedBy: 'OWNER',
    });
    const national = await pushAgencyValues(
      sut,
      'VPCP',
      NATIONAL_DOSSIERS.map(([period, n], i) =>
        value('NATIONAL_DOSSIERS', 'VPCP', i + 1, period, n, 4000),
      ),
    );
    expect(
      national.data!.pushMilestoneUpdates.indicatorResults.map(
        (x: { outcome: string }) => x.outcome,
      ),
    ).toEqual(Array(3).fill('APPLIED'));
  });

  it('the overview shows each indicator against its target, its trend line and whether it gets there in time', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    const share = page.locator('article[data-code="L4_SHARE"]');
    const records = page.locator('article[data-code="RECORDS"]');
    await seeTexts(share, {
      '.figure': '10,6% / 30% đến 31/12/2020',
      '.muted': 'Số liệu tháng 2/2020',
      '.track': '✕ Chệch hướng',
      '.projection': 'Với tốc độ này, đạt 30% vào tháng 3/2021.',
    });
    await seeTexts(records, {
      '.figure': '202 hồ sơ / 300 hồ sơ đến 31/12/2020',
      '.track': '✓ Đúng hướng',
      '.projection': 'Với tốc độ này, đạt 300 hồ sơ vào tháng 6/2020.',
    });
    // the trend line: the national series and the target across it
    expect(await chartOf(page, 'article[data-code="L4_SHARE"] canvas')).toMatchObject({
      type: 'line',
      labels: MONTHS_VI,
      datasets: [{ data: NATIONAL_SHARE }, { data: Array(6).fill(0.3), borderDash: [6, 4] }],
      drawn: true,
    });
    expect(await share.locator('canvas').getAttribute('aria-label')).toBe(
      'Chỉ tiêu L4_SHARE: đường xu hướng cả nước và mục tiêu',
    );
    await shot('overview-indicators');
    expect(await wcagViolations()).toEqual([]);

    await page.click('#lang');
    await seeTexts(share, {
      '.figure': '10.6% / 30% by 31/12/2020',
      '.track': '✕ Off track',
      '.projection': 'At this pace it reaches 30% in March 2021.',
    });
    await seeTexts(records, { '.projection': 'At this pace it reaches 300 hồ sơ in June 2020.' });
    await shot('overview-indicators-en');
    expect(await wcagViolations()).toEqual([]);

    await share.getByRole('link', { name: 'Chỉ tiêu L4_SHARE' }).click();
    expect(page.url()).toMatch(/#\/indicator\/L4_SHARE$/);
    await seeText(page.locator('h1'), 'Chỉ tiêu L4_SHARE');
  });

  it('an indicator page charts the series against a dashed, labelled target and ranks the provinces, furthest first', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/indicator/L4_SHARE`);
    await seeText(page.locator('h1'), 'Chỉ tiêu L4_SHARE');
    await seeTexts(page.locator('.summary'), {
      '.figure': '10,6% / 30% đến 31/12/2020',
      '.track': '✕ Chệch hướng',
      '.projection': 'Với tốc độ này, đạt 30% vào tháng 3/2021.',
    });
    expect(await chartOf(page, '#series canvas')).toEqual({
      type: 'line',
      indexAxis: 'x',
      labels: MONTHS_VI,
      datasets: [
        { label: 'Cả nước', data: NATIONAL_SHARE, borderDash: undefined, pointStyle: 'circle' },
        {
          label: 'Mục tiêu 30% đến 31/12/2020',
          data: Array(6).fill(0.3),
          borderDash: [6, 4],
          pointStyle: 'line',
        },
      ],
      drawn: true,
    });
    // the same figures as a table, for a screen reader or a reader without the chart
    const table = page.locator('#series details table tbody tr');
    await seeCount(table, 6);
    expect(await table.last().locator('td').allTextContents()).toEqual([
      'tháng 2/2020',
      '10,6%',
      '127,2',
      '1.200',
      '3',
      '63',
    ]);

    // February: Hà Giang furthest from 30%, then Hà Nội, then Cao Bằng; the 60 silent ones after
    const ranking = page.locator('#ranking tbody tr');
    await seeCount(ranking, 63);
    expect(await page.inputValue('#period')).toBe('2020-02');
    const firstRows = [];
    for (let i = 0; i < 4; i++)
      firstRows.push(await ranking.nth(i).locator('td').allTextContents());
    expect(firstRows).toEqual([
      ['1', 'Hà Giang', '5,6%', '24,4%'],
      ['2', 'Hà Nội', '10,6%', '19,4%'],
      ['3', 'Cao Bằng', '15,6%', '14,4%'],
      ['', expect.any(String), 'Chưa báo cáo', ''],
    ]);
    expect(await chartOf(page, '#provinces canvas')).toMatchObject({
      type: 'bar',
      indexAxis: 'y',
      labels: ['Hà Giang', 'Hà Nội', 'Cao Bằng'],
      datasets: [{ data: [0.056, 0.106, 0.156] }],
      drawn: true,
    });
    await shot('indicator-l4-share');
    expect(await wcagViolations()).toEqual([]);

    // January: Hà Nội alone reported
    await page.selectOption('#period', '2020-01');
    await seeText(page.locator('#ranking tbody tr td:nth-child(2)'), 'Hà Nội');
    expect(page.url()).toMatch(/#\/indicator\/L4_SHARE\?period=2020-01$/);
    expect(await chartOf(page, '#provinces canvas')).toMatchObject({
      labels: ['Hà Nội'],
      datasets: [{ data: [0.0915] }],
    });
    await shot('indicator-l4-share-january');
  });

  it('exports the series and the province ranking as CSV and Excel', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/indicator/L4_SHARE`);
    await seeCount(page.locator('#ranking tbody tr'), 63);

    const series = await downloadCsv(
      page,
      page.locator('#series').getByRole('button', { name: 'Tải CSV' }),
    );
    expect(series.name).toBe('chi-tieu-L4_SHARE.csv');
    expect(series.bom).toBe(true);
    expect(series.rows[0]).toEqual([
      'Tháng',
      'Giá trị (%)',
      'Tử số',
      'Mẫu số',
      'Số tỉnh đã báo cáo',
      'Số tỉnh phải báo cáo',
    ]);
    expect(series.rows.slice(1).map((r) => r.slice(0, 4))).toEqual(
      HANOI.map(([period, n], i) => [
        period,
        String(+(NATIONAL_SHARE[i] * 100).toFixed(2)),
        String(i < 5 ? n : 127.2),
        String(i < 5 ? 1000 : 1200),
      ]),
    );

    const ranking = await downloadXlsx(
      page,
      page.locator('#provinces').getByRole('button', { name: 'Tải Excel' }),
    );
    expect(ranking.name).toBe('chi-tieu-L4_SHARE-tinh-2020-02.xlsx');
    expect(ranking.rows).toHaveLength(64);
    expect(ranking.rows.slice(0, 4)).toEqual([
      ['Hạng', 'Tỉnh/thành phố', 'Giá trị (%)', 'Còn cách mục tiêu'],
      [1, 'Hà Giang', 5.6, 24.4],
      [2, 'Hà Nội', 10.6, 19.4],
      [3, 'Cao Bằng', 15.6, 14.4],
    ]);

    const records = page.locator('#ranking tbody tr');
    await page.goto(`${sut.url}/#/indicator/RECORDS`);
    await seeText(records.first(), 'Cao Bằng');
    const counts = await downloadXlsx(
      page,
      page.locator('#series').getByRole('button', { name: 'Tải Excel' }),
    );
    expect(counts.name).toBe('chi-tieu-RECORDS.xlsx');
    expect(counts.rows.map((r) => r.slice(0, 2))).toEqual([
      ['Tháng', 'Giá trị (hồ sơ)'],
      ...RECORDS.map(([period, n]) => [period, n]),
    ]);
  });

  it('an indicator its owner reports nationally says so in place of the province ranking, and exports its series', async () => {
    await signInAs('Văn phòng chương trình (PMO)');
    await page.goto(`${sut.url}/#/indicator/NATIONAL_DOSSIERS`);
    await seeText(page.locator('h1'), 'Chỉ tiêu NATIONAL_DOSSIERS');
    await seeText(
      page.locator('#national-report'),
      'Số liệu cả nước do Văn phòng Chính phủ báo cáo, không theo từng tỉnh.',
    );
    await seeTexts(page.locator('.summary'), { '.figure': '28% / 30% đến 31/12/2020' });
    expect(await chartOf(page, '#series canvas')).toMatchObject({
      labels: MONTHS_VI.slice(-3),
      datasets: [{ data: [0.2, 0.24, 0.28] }, { data: [0.3, 0.3, 0.3] }],
      drawn: true,
    });
    // no ranking, no month to choose for it, no bars
    await seeCount(page.locator('#provinces'), 0);
    await seeCount(page.locator('#ranking'), 0);
    const table = page.locator('#series details table tbody tr');
    await seeCount(table, 3);
    expect(await table.last().locator('td').allTextContents()).toEqual([
      'tháng 2/2020',
      '28%',
      '1.120',
      '4.000',
      '1',
      '1',
    ]);
    await shot('indicator-national');
    expect(await wcagViolations()).toEqual([]);

    const series = await downloadCsv(
      page,
      page.locator('#series').getByRole('button', { name: 'Tải CSV' }),
    );
    expect(series.name).toBe('chi-tieu-NATIONAL_DOSSIERS.csv');
    expect(series.rows.slice(1)).toEqual([
      ['2019-12', '20', '800', '4000', '1', '1'],
      ['2020-01', '24', '960', '4000', '1', '1'],
      ['2020-02', '28', '1120', '4000', '1', '1'],
    ]);

    await page.click('#lang');
    await seeText(
      page.locator('#national-report'),
      'Reported nationally by Văn phòng Chính phủ, not province by province.',
    );
    await shot('indicator-national-en');
  });
});
