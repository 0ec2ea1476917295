import { startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';

const AT = '2025-09-15';

describe('the demo at a later day (npm start -- --at 2025-09-15)', () => {
  let sut: TestCentral;
  beforeAll(async () => {
    sut = await startTestCentral({ demo: true, clockNow: `${AT}T05:00:00Z`, env: { DEMO_AT: AT } });
  });
  afterAll(async () => {
    await sut.stop();
  });

  it('runs its history from 2019 to that day through both reorganisations of 2025', async () => {
    const { reorganisations } = (
      await sut.gql(`{ reorganisations { effectiveOn dryRun newUnits { code } } }`)
    ).data!;
    expect(
      reorganisations.map((r: { effectiveOn: string; newUnits: unknown[] }) => [
        r.effectiveOn,
        r.newUnits.length,
      ]),
    ).toEqual([
      ['2025-07-01', 24],
      ['2025-03-01', 3],
    ]);
    const [span] = await sql<{ first: string; last: string; before: number; after: number }>(
      `SELECT min((reported_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::text AS first,
              max((reported_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::text AS last,
              count(*) FILTER (WHERE reported_at < '2025-07-01T00:00:00+07:00')::int AS before,
              count(*) FILTER (WHERE reported_at >= '2025-07-01T00:00:00+07:00')::int AS after
       FROM milestone_update`,
    );
    expect(span.first < '2020-01-01').toBe(true);
    expect(span.last <= AT && span.last >= '2025-08-01').toBe(true);
    expect(span.before).toBeGreaterThan(1000);
    expect(span.after).toBeGreaterThan(0);
    // after the merger, only the units of 1 July 2025 report
    const [late] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM milestone_update mu JOIN unit u ON u.id = mu.node_unit_id
       WHERE mu.reported_at >= (u.valid_to + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
    );
    expect(late.n).toBe(0);
  });

  it('reads 1+34 today, and its LAND program belongs to the merged ministry', async () => {
    const { program, units } = (
      await sut.gql(`{ program(code: "LAND") { owner { code } provinceBoard { unit { code } } }
        units(kind: PROVINCE, search: "thua thien") { code name formerNames } }`)
    ).data!;
    expect(program.owner.code).toBe('BNNMT');
    expect(program.provinceBoard).toHaveLength(34);
    expect(units).toEqual([{ code: '46', name: 'Huế', formerNames: ['Thừa Thiên Huế'] }]);
  });

  it('leaves each milestone that reported as its last report did', async () => {
    const mismatched = await sql(
      `SELECT m.id FROM milestone m
       JOIN LATERAL (SELECT * FROM milestone_update mu WHERE mu.milestone_id = m.id AND mu.outcome = 'APPLIED'
                     ORDER BY mu.seq DESC LIMIT 1) last ON true
       WHERE (m.status, m.percent_complete, m.last_reported_at) IS DISTINCT FROM (last.status, last.percent_complete, last.reported_at)`,
    );
    expect(mismatched).toEqual([]);
  });

  it('has indicator values to August 2025: from the 63 provinces to June, from the 34 after', async () => {
    const units = await sql<{ period: string; units: number }>(
      `SELECT period, count(DISTINCT node_unit_id)::int AS units FROM indicator_value
       WHERE period IN ('2020-03', '2025-06', '2025-07', '2025-08', '2025-09') GROUP BY period ORDER BY period`,
    );
    expect(units).toEqual([
      { period: '2020-03', units: 63 },
      { period: '2025-06', units: 63 },
      { period: '2025-07', units: 34 },
      { period: '2025-08', units: 34 },
    ]);
    const [after] = await sql<{ ended: number; future: number }>(
      `SELECT count(*) FILTER (WHERE v.period > to_char(u.valid_to, 'YYYY-MM'))::int AS ended,
              count(*) FILTER (WHERE v.received_at > '${AT}T05:00:00Z')::int AS future
       FROM indicator_value v JOIN unit u ON u.id = v.node_unit_id`,
    );
    expect(after).toEqual({ ended: 0, future: 0 });
    // a merged province's figures are its predecessors' added up: the national ones run on
    const { series } = (
      await sut.gql(`{ indicator(code: "L4_SERVICES") {
        series(from: "2025-06", to: "2025-07") { period denominator reportingUnits } } }`)
    ).data!.indicator;
    expect(series).toEqual([
      { period: '2025-06', denominator: 46_546, reportingUnits: 63 },
      { period: '2025-07', denominator: 46_546, reportingUnits: 34 },
    ]);
  });

  it('reads 1+63 when dated 2020, exactly as the demo of 1 March 2020 reads today', async () => {
    const BOARDS = `query($asOf: Date) {
      nationalDashboard(asOf: $asOf) { programs { program { code } health progress { percentComplete total done late blocked atRisk } } }
      program(code: "LAND") { provinceBoard(asOf: $asOf) { unit { code name } health progress { percentComplete late blocked } } } }`;
    const then = (await sut.gql(BOARDS, { asOf: '2020-03-01' })).data!;
    expect(then.program.provinceBoard).toHaveLength(63);
    // the plain demo of 2020 on a fresh database, read today, in place of this one
    await sut.stop();
    sut = await startTestCentral({ demo: true });
    expect((await sut.gql(BOARDS)).data).toEqual(then);
  });
});
