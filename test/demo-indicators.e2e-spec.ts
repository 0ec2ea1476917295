import { demoCentral } from './support/central';
import { sql } from './support/database';

/** A report's Việt Nam day and month, and its month's deadline (day 5 of the next), in SQL. */
const VN_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
/** The demo's months of values and reports: July 2019 to February 2020. */
const MONTHS = [
  '2019-07',
  '2019-08',
  '2019-09',
  '2019-10',
  '2019-11',
  '2019-12',
  '2020-01',
  '2020-02',
];

const DEADLINE = (month: string) =>
  `(to_date(${month}, 'YYYY-MM') + interval '1 month 4 days')::date`;

/**
 * The demo's indicators and reporting story (issue 13), true to the seed: level-4
 * services under 10% in November 2019 and off track for 30% by the end of 2020, about
 * 75 million citizen records digitised, and a few provinces that never report on time.
 */
describe('the demo: indicators and reporting (today 2020-03-01)', () => {
  const sut = demoCentral('per-file');

  it("defines the seed's three indicators with their owners and targets", async () => {
    const r = await sut.gql(`{ indicators { code kind measure owner { code } program { code }
      targets { value due } } }`);
    expect(r.errors).toBeUndefined();
    const indicator = (
      code: string,
      kind: string,
      measure: string,
      owner: string,
      program: string | null,
      target: number,
    ) => ({
      code,
      kind,
      measure,
      owner: { code: owner },
      program: program && { code: program },
      targets: [{ value: target, due: '2020-12-31' }],
    });
    expect(r.data!.indicators).toEqual([
      indicator('L4_SERVICES', 'RATIO', '%', 'BTTTT', null, 0.3),
      indicator('ONLINE_DOSSIERS', 'RATIO', '%', 'BTTTT', null, 0.2),
      indicator('RECORDS_DIGITISED', 'COUNT', 'hồ sơ', 'BCA', 'POPULATION', 96_208_984),
    ]);
  });

  const FIGURES = `query($code: ID!) { indicator(code: $code) {
    series { period value numerator denominator reportingUnits expectedUnits }
    projection { latest { period } projectedDate onTrack } } }`;

  it('level-4 services: under 10% in November 2019, too slow for 30% by the end of 2020', async () => {
    const { series, projection } = (await sut.gql(FIGURES, { code: 'L4_SERVICES' })).data!
      .indicator;
    expect(series.map((f: { period: string }) => f.period)).toEqual(MONTHS);
    const november = series.find((f: { period: string }) => f.period === '2019-11');
    expect(november).toEqual({
      period: '2019-11',
      value: 4064 / 46_546,
      numerator: 4064,
      denominator: 46_546,
      reportingUnits: 63,
      expectedUnits: 63,
    });
    expect(november.value).toBeLessThan(0.1);
    // climbing every month, half a point at a time
    const values = series.map((f: { value: number }) => f.value);
    values.slice(1).forEach((v: number, i: number) => expect(v).toBeGreaterThan(values[i]));
    expect(projection).toEqual({
      latest: { period: '2020-02' },
      projectedDate: '2023-11-06',
      onTrack: false,
    });
    expect(projection.projectedDate > '2020-12-31').toBe(true);
  });

  it('online dossiers: on track for 20%; records digitised: 75 million in November 2019', async () => {
    const dossiers = (await sut.gql(FIGURES, { code: 'ONLINE_DOSSIERS' })).data!.indicator;
    expect(dossiers.projection).toEqual({
      latest: { period: '2020-02' },
      projectedDate: '2020-05-10',
      onTrack: true,
    });
    const records = (await sut.gql(FIGURES, { code: 'RECORDS_DIGITISED' })).data!.indicator;
    const november = records.series.find((f: { period: string }) => f.period === '2019-11');
    expect(november.value).toBe(75_136_319);
    expect(november.value).toBeGreaterThan(74_000_000);
    expect(november.value).toBeLessThan(76_000_000);
    expect(records.series.at(-1)).toMatchObject({ period: '2020-02', value: 80_306_434 });
    expect(records.projection).toEqual({
      latest: { period: '2020-02' },
      projectedDate: '2020-12-09',
      onTrack: true,
    });
  });

  it('has a value from every one of the 63 provinces for February 2020, the big cities largest', async () => {
    for (const code of ['L4_SERVICES', 'ONLINE_DOSSIERS', 'RECORDS_DIGITISED']) {
      const r = await sut.gql(
        `query($code: ID!) { indicator(code: $code) {
          series(from: "2020-02", to: "2020-02") { reportingUnits expectedUnits }
          byProvince(period: "2020-02") { unit { code } figure { numerator denominator reportingUnits } } } }`,
        { code },
      );
      const { series, byProvince } = r.data!.indicator;
      expect(series).toEqual([{ reportingUnits: 63, expectedUnits: 63 }]);
      expect(byProvince).toHaveLength(63);
      const reported = byProvince.filter(
        (p: { figure: { reportingUnits: number } }) => p.figure.reportingUnits === 1,
      );
      expect(reported).toHaveLength(63);
      // the two big cities have the most services, dossiers and records of all
      const biggest = [...byProvince]
        .sort(
          (a, b) =>
            (b.figure.denominator ?? b.figure.numerator) -
            (a.figure.denominator ?? a.figure.numerator),
        )
        .slice(0, 2)
        .map((p: { unit: { code: string } }) => p.unit.code);
      expect(biggest.sort()).toEqual(['01', '79']);
    }
    const [services] = await sql<{ min: number; max: number }>(
      `SELECT min(denominator)::int AS min, max(denominator)::int AS max FROM indicator_value
       WHERE indicator_code = 'L4_SERVICES'`,
    );
    expect(services).toEqual({ min: 477, max: 1930 });
  });

  it('records every value as applied history (negative seqs), never after today', async () => {
    const [values] = await sql<{ n: number; applied: number; negative: number; last: string }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE outcome = 'APPLIED')::int AS applied,
              count(*) FILTER (WHERE seq < 0)::int AS negative, max(${VN_DAY('received_at')})::text AS last
       FROM indicator_value`,
    );
    // 63 provinces × 8 months × 3 indicators, less three province-months skipped
    expect(values).toEqual({ n: 1503, applied: 1503, negative: 1503, last: '2020-02-29' });
  });

  it('reportingCompleteness: Cao Bằng, Điện Biên, Lai Châu and Cà Mau never on time, Yên Bái and Lâm Đồng skip months', async () => {
    const shortfalls: Record<string, string[]> = {};
    const totals: Record<string, string> = {};
    for (const period of MONTHS) {
      const r = await sut.gql(
        `query($period: String!) { reportingCompleteness(period: $period) { expected received onTime
          provinces { unit { code } expected received onTime } } }`,
        { period },
      );
      expect(r.errors).toBeUndefined();
      const { expected, received, onTime, provinces } = r.data!.reportingCompleteness;
      totals[period] = `${received}/${expected} received, ${onTime} on time`;
      shortfalls[period] = provinces
        .filter((p: { expected: number; onTime: number }) => p.onTime < p.expected)
        .map(
          (p: { unit: { code: string }; expected: number; received: number; onTime: number }) =>
            `${p.unit.code}: ${p.received}/${p.expected} received, ${p.onTime} on time`,
        );
    }
    // worst first: a province that sent nothing, then the late ones (in code order)
    const late = (owed: number) =>
      ['04', '11', '12', '96'].map((c) => `${c}: ${owed}/${owed} received, 0 on time`);
    const none = (code: string, owed: number) => `${code}: 0/${owed} received, 0 on time`;
    expect(shortfalls).toEqual({
      // before the plans of November 2019, only the three indicators are owed
      '2019-07': late(3),
      '2019-08': late(3),
      '2019-09': [none('15', 3), ...late(3)],
      '2019-10': late(3),
      // the land and civil-status milestones too from November (CIV-P-01 done that month)
      '2019-11': late(9),
      '2019-12': [none('15', 8), ...late(8)],
      '2020-01': [none('68', 8), ...late(8)],
      // February's deadline is after today: all sent so far came before it, but the four
      // offices silent on land since January (STALE_REPORT) have sent nothing on it
      '2020-02': [
        '36: 4/8 received, 4 on time',
        '54: 4/8 received, 4 on time',
        '82: 4/8 received, 4 on time',
        '77: 5/9 received, 5 on time',
      ],
    });
    expect(totals['2019-11']).toBe('567/567 received, 531 on time');
    expect(totals['2020-01']).toBe('498/506 received, 466 on time');
  });

  it("receives the late provinces' reports on days 8-20 of the next month", async () => {
    const [days] = await sql<{ first: number; last: number }>(
      `SELECT min(extract(day FROM ${VN_DAY('received_at')}))::int AS first,
              max(extract(day FROM ${VN_DAY('received_at')}))::int AS last
       FROM indicator_value WHERE unit_code IN ('04', '11', '12', '96') AND period <= '2020-01'`,
    );
    expect(days).toEqual({ first: 8, last: 20 });
    // their milestone reports of July 2019 to January 2020 (24 each), none by its month's deadline
    const [onTime] = await sql<{ n: number; reports: number }>(
      `SELECT count(*) FILTER (WHERE ${VN_DAY('received_at')} <= ${DEADLINE('to_char(' + VN_DAY('reported_at') + ", 'YYYY-MM')")})::int AS n,
              count(*)::int AS reports
       FROM milestone_update WHERE unit_code IN ('04', '11', '12', '96') AND reported_at < '2020-02-01T00:00:00+07:00'`,
    );
    expect(onTime).toEqual({ n: 0, reports: 96 });
  });

  it('has each province report every month, but Yên Bái (September, December) and Lâm Đồng (January)', async () => {
    const missing = await sql<{ code: string; months: string[] }>(
      `SELECT u.code, array_agg(m.month ORDER BY m.month) AS months
       FROM unit u CROSS JOIN (SELECT to_char(d, 'YYYY-MM') AS month
         FROM generate_series('2019-07-01'::date, '2020-02-01', interval '1 month') d) m
       WHERE u.kind = 'PROVINCE'
         AND NOT EXISTS (SELECT 1 FROM milestone_update mu WHERE mu.node_unit_id = u.id
                         AND to_char(${VN_DAY('mu.reported_at')}, 'YYYY-MM') = m.month)
         AND NOT EXISTS (SELECT 1 FROM indicator_value v WHERE v.node_unit_id = u.id AND v.period = m.month)
       GROUP BY u.code ORDER BY u.code`,
    );
    expect(missing).toEqual([
      { code: '15', months: ['2019-09', '2019-12'] },
      { code: '68', months: ['2020-01'] },
    ]);
  });

  it("reports monthly on each open province milestone, and today's state is still each one's last report", async () => {
    // the civil-status roll-out (due November 2019): reported every month from July to its end
    const [civil] = await sql<{ milestones: number; reports: number }>(
      `SELECT count(DISTINCT milestone_id)::int AS milestones, count(*)::int AS reports
       FROM milestone_update WHERE key = 'CIV-P-01' AND ${VN_DAY('reported_at')} < '2019-11-01'`,
    );
    // 63 provinces × July-October, less Yên Bái's September
    expect(civil).toEqual({ milestones: 63, reports: 251 });
    const mismatched = await sql(
      `SELECT m.id FROM milestone m
       JOIN LATERAL (SELECT * FROM milestone_update mu WHERE mu.milestone_id = m.id
                     ORDER BY mu.seq DESC LIMIT 1) last ON true
       WHERE (m.status, m.percent_complete, m.last_reported_at)
         IS DISTINCT FROM (last.status, last.percent_complete, last.reported_at)`,
    );
    expect(mismatched).toEqual([]);
  });
});
