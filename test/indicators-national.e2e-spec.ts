import { project } from '@tracker/domain';
import { demoCentral } from './support/central';
import { sql } from './support/database';
import {
  defineIndicator,
  indicatorValue as value,
  pushAgencyValues,
  pushValues,
} from './support/indicators';

const FIGURES = `query($code: ID!) {
  indicator(code: $code) {
    reportedBy
    series { period value numerator denominator reportingUnits expectedUnits }
    byProvince { unit { code } }
    february: byProvince(period: "2020-02") { unit { code } }
    projection { target { value due } latest { period value } projectedDate onTrack }
  }
}`;

interface Result {
  outcome: string;
  reason: string | null;
}

const results = (r: { data?: Record<string, any> | null }): Result[] =>
  r.data!.pushMilestoneUpdates.indicatorResults.map(({ outcome, reason }: Result) => ({
    outcome,
    reason,
  }));

/** The outcomes the centre recorded for an indicator's values from one unit, in seq order. */
const ledger = async (code: string, unit: string) =>
  (
    await sql<{ outcome: string }>(
      `SELECT v.outcome FROM indicator_value v JOIN unit u ON u.id = v.node_unit_id
       WHERE v.indicator_code = $1 AND u.code = $2 ORDER BY v.seq`,
      [code, unit],
    )
  ).map((v) => v.outcome);

// The Government Office's share of dossiers processed online: one national figure a month.
const NATIONAL: [string, number, number][] = [
  ['2019-10', 400, 4000],
  ['2019-11', 560, 4000],
  ['2019-12', 720, 4000],
  ['2020-01', 880, 4000],
  ['2020-02', 1040, 4000],
];

describe('an indicator its owner agency reports nationally (demo, 63 provinces, today 2020-03-01)', () => {
  const sut = demoCentral('per-file');

  beforeAll(async () => {
    await defineIndicator(sut, 'NATIONAL_DOSSIERS', 'RATIO', [{ value: 0.3, due: '2020-12-31' }], {
      ownerCode: 'VPCP',
      reportedBy: 'OWNER',
    });
    await defineIndicator(sut, 'L4_SHARE', 'RATIO', [{ value: 0.3, due: '2020-12-31' }]);
    await defineIndicator(sut, 'RECORDS', 'COUNT', [{ value: 90_000, due: '2020-12-31' }]);
  });

  it('its owner pushes the national values: APPLIED, the series is its values with 1 unit expected, projected, no province ranked', async () => {
    const pushed = await pushAgencyValues(
      sut,
      'VPCP',
      NATIONAL.map(([period, n, d], i) => value('NATIONAL_DOSSIERS', 'VPCP', i + 1, period, n, d)),
    );
    expect(pushed.errors).toBeUndefined();
    expect(results(pushed)).toEqual(NATIONAL.map(() => ({ outcome: 'APPLIED', reason: null })));

    const r = await sut.gql(FIGURES, { code: 'NATIONAL_DOSSIERS' });
    expect(r.errors).toBeUndefined();
    const { reportedBy, series, byProvince, february, projection } = r.data!.indicator;
    expect(reportedBy).toBe('OWNER');
    expect(series).toEqual(
      NATIONAL.map(([period, numerator, denominator]) => ({
        period,
        value: numerator / denominator,
        numerator,
        denominator,
        reportingUnits: 1,
        expectedUnits: 1,
      })),
    );
    expect(byProvince).toEqual([]);
    expect(february).toEqual([]);
    // the domain's projection over the owner's series: +4 points a month, a month after 26%
    const expected = project(series, [{ value: 0.3, due: '2020-12-31' }], '2020-03-01')!;
    expect(expected.projectedDate).toBe('2020-04-01');
    expect(projection).toEqual({
      target: { value: 0.3, due: '2020-12-31' },
      latest: { period: '2020-02', value: 0.26 },
      projectedDate: expected.projectedDate,
      onTrack: true,
    });
  });

  it('a province pushing it is REJECTED with the reason, per value; its other values still apply and nothing is counted', async () => {
    const before = (await sut.gql(FIGURES, { code: 'NATIONAL_DOSSIERS' })).data!.indicator.series;
    const r = await pushValues(sut, '02', [
      value('NATIONAL_DOSSIERS', '02', 1, '2020-02', 30, 40),
      value('L4_SHARE', '02', 2, '2020-02', 3, 40),
    ]);
    expect(r.errors).toBeUndefined();
    expect(results(r)).toEqual([
      { outcome: 'REJECTED', reason: 'NATIONAL_DOSSIERS is reported nationally by its owner VPCP' },
      { outcome: 'APPLIED', reason: null },
    ]);
    const after = await sut.gql(FIGURES, { code: 'NATIONAL_DOSSIERS' });
    expect(after.data!.indicator.series).toEqual(before);
    expect(await ledger('NATIONAL_DOSSIERS', '02')).toEqual(['REJECTED']);
    expect(await ledger('L4_SHARE', '02')).toEqual(['APPLIED']);
  });

  it('another agency pushing it is REJECTED: only its owner reports it', async () => {
    const r = await pushAgencyValues(sut, 'BTTTT', [
      value('NATIONAL_DOSSIERS', 'BTTTT', 1, '2020-02', 2000, 4000),
    ]);
    expect(r.errors).toBeUndefined();
    expect(results(r)).toEqual([
      { outcome: 'REJECTED', reason: 'NATIONAL_DOSSIERS is reported nationally by its owner VPCP' },
    ]);
    expect(await ledger('NATIONAL_DOSSIERS', 'BTTTT')).toEqual(['REJECTED']);
  });

  it('an agency, its owner included, pushing a PROVINCES indicator is REJECTED: it is not added to the provinces’ sum', async () => {
    const province = await pushValues(sut, '04', [value('RECORDS', '04', 1, '2020-02', 1200)]);
    expect(results(province)).toEqual([{ outcome: 'APPLIED', reason: null }]);
    // BTNMT owns RECORDS; the Government Office pushes from its own seq space (its seq 1-5 taken)
    for (const [agency, seq] of [
      ['BTNMT', 1],
      ['VPCP', 100],
    ] as const) {
      const r = await pushAgencyValues(sut, agency, [
        value('RECORDS', agency, seq, '2020-02', 50_000),
      ]);
      expect(r.errors).toBeUndefined();
      expect(results(r)).toEqual([
        { outcome: 'REJECTED', reason: 'RECORDS is reported by the provinces' },
      ]);
    }
    // and one an agency pushed before the rule, applied then, is not added either
    await sql(
      `INSERT INTO indicator_value (node_unit_id, idempotency_key, seq, indicator_id, indicator_code,
         unit_code, period, numerator, outcome, reported_at, received_at)
       SELECT u.id, 'before-the-rule', 50, i.id, i.code, u.code, '2020-02', 70000, 'APPLIED', now(), now()
       FROM unit u, indicator i WHERE u.code = 'BTNMT' AND i.code = 'RECORDS'`,
    );
    const r = await sut.gql(FIGURES, { code: 'RECORDS' });
    expect(r.data!.indicator.series).toEqual([
      {
        period: '2020-02',
        value: 1200,
        numerator: 1200,
        denominator: null,
        reportingUnits: 1,
        expectedUnits: 63,
      },
    ]);
    expect(r.data!.indicator.february).toHaveLength(63);
  });
});
