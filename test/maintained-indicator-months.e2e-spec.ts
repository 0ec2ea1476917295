import fc from 'fast-check';
import { GqlResult, startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';
import { defineRatioAndCount, indicatorValue, pushValues } from './support/indicators';
import './support/properties'; // the fixed seed of every property test
import { expectRollupsMaintained, rollupVerdict } from './support/rollups';

/**
 * Issue 14: each indicator's national month (its reporters' latest values added up)
 * kept by the database as values land (migration IndicatorMonthSums), held by
 * `npm run verify-rollups` to the sums computed from every value.
 */

/** An indicator's kept month, as the table holds it (null: no row). */
async function keptMonth(code: string, period: string) {
  const [row] = await sql<{ numerator: number; denominator: number | null; units: number }>(
    `SELECT m.numerator, m.denominator, m.reporting_units AS units FROM indicator_month m
     JOIN indicator i ON i.id = m.indicator_id WHERE i.code = $1 AND m.period = $2`,
    [code, period],
  );
  return row ?? null;
}

function outcomes(r: GqlResult): string[] {
  expect(r.errors).toBeUndefined();
  return r.data!.pushMilestoneUpdates.indicatorResults.map((x: { outcome: string }) => x.outcome);
}

describe('indicator months kept as values land', () => {
  let sut: TestCentral;
  afterEach(async () => {
    await sut?.stop();
  });

  it('the demo starts with its months kept as computed; verify-rollups names one edited behind the triggers', async () => {
    sut = await startTestCentral({ demo: true });
    const [{ months }] = await sql<{ months: number }>(
      `SELECT count(*)::int AS months FROM indicator_month`,
    );
    expect(months).toBeGreaterThan(0);
    await expectRollupsMaintained('2020-03-01');

    const [edited] = await sql<{ period: string }>(
      `UPDATE indicator_month SET numerator = numerator + 1
       WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'L4_SERVICES')
         AND period = (SELECT max(period) FROM indicator_month) RETURNING period`,
    );
    expect((await rollupVerdict()).mismatches).toEqual([
      expect.objectContaining({ where: `indicators/L4_SERVICES/${edited.period}` }),
    ]);
  });

  it("a month is its reporters' latest applied values added up: a correction replaces, a refusal and a stale value change nothing", async () => {
    sut = await startTestCentral({ demo: true });
    await defineRatioAndCount(sut);
    expect(
      outcomes(
        await pushValues(sut, '01', [
          indicatorValue('RECORDS', '01', 1, '2020-02', 100),
          indicatorValue('L4_SHARE', '01', 2, '2020-02', 3, 10),
        ]),
      ),
    ).toEqual(['APPLIED', 'APPLIED']);
    expect(
      outcomes(await pushValues(sut, '02', [indicatorValue('RECORDS', '02', 1, '2020-02', 40)])),
    ).toEqual(['APPLIED']);
    expect(await keptMonth('RECORDS', '2020-02')).toEqual({
      numerator: 140,
      denominator: null,
      units: 2,
    });

    expect(
      outcomes(await pushValues(sut, '01', [indicatorValue('RECORDS', '01', 3, '2020-02', 150)])),
    ).toEqual(['APPLIED']);
    expect(
      outcomes(await pushValues(sut, '04', [indicatorValue('RECORDS', '04', 1, '2020-02', -5)])),
    ).toEqual(['REJECTED']);
    expect(
      outcomes(await pushValues(sut, '02', [indicatorValue('RECORDS', '02', 1, '2020-02', 999)])),
    ).toEqual(['STALE']);
    expect(await keptMonth('RECORDS', '2020-02')).toEqual({
      numerator: 190,
      denominator: null,
      units: 2,
    });
    expect(await keptMonth('L4_SHARE', '2020-02')).toEqual({
      numerator: 3,
      denominator: 10,
      units: 1,
    });
    // the national series is read from them
    const r = await sut.gql(
      `{ indicator(code: "RECORDS") { series(from: "2020-02") { period numerator reportingUnits } } }`,
    );
    expect(r.data!.indicator.series).toEqual([
      { period: '2020-02', numerator: 190, reportingUnits: 2 },
    ]);
    await expectRollupsMaintained('2020-03-01');
  });

  it('who reports decides what is added: an indicator turned to its owner, and a value deleted, by SQL', async () => {
    sut = await startTestCentral({ demo: true });
    await defineRatioAndCount(sut);
    for (const [unit, n] of [
      ['01', 100],
      ['02', 40],
    ] as const)
      expect(
        outcomes(await pushValues(sut, unit, [indicatorValue('RECORDS', unit, 1, '2020-02', n)])),
      ).toEqual(['APPLIED']);

    // the provinces' values are not the owner's: nothing left to add
    await sql(`UPDATE indicator SET reported_by = 'OWNER' WHERE code = 'RECORDS'`);
    expect(await keptMonth('RECORDS', '2020-02')).toBeNull();
    await expectRollupsMaintained();
    await sql(`UPDATE indicator SET reported_by = 'PROVINCES' WHERE code = 'RECORDS'`);
    expect(await keptMonth('RECORDS', '2020-02')).toEqual({
      numerator: 140,
      denominator: null,
      units: 2,
    });

    await sql(`DELETE FROM indicator_value WHERE indicator_code = 'RECORDS' AND unit_code = '02'`);
    expect(await keptMonth('RECORDS', '2020-02')).toEqual({
      numerator: 100,
      denominator: null,
      units: 1,
    });
    await expectRollupsMaintained();
  });

  it('one month pushed by many nodes at once to two instances (fixed seed): kept equals computed', async () => {
    sut = await startTestCentral({ demo: true });
    await defineRatioAndCount(sut);
    const other = await startTestCentral({ demo: true, keepData: true });
    const units = ['01', '02', '04', '06', '08', '10', '79', '92'];
    const seqs = new Map<string, number>();
    const reported = new Set<string>();
    try {
      const value = fc.record({
        unit: fc.constantFrom(...units),
        numerator: fc.integer({ min: 0, max: 50 }),
        instance: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(value, { minLength: 8, maxLength: 24 }), async (values) => {
          const answers = await Promise.all(
            values.map((v) => {
              const seq = (seqs.get(v.unit) ?? 0) + 1;
              seqs.set(v.unit, seq);
              reported.add(v.unit);
              const ratio = indicatorValue('L4_SHARE', v.unit, seq, '2020-02', v.numerator, 50);
              return pushValues(v.instance ? sut : other, v.unit, [ratio]);
            }),
          );
          for (const a of answers) expect(a.errors).toBeUndefined();
          expect((await rollupVerdict()).mismatches).toEqual([]);
          expect((await keptMonth('L4_SHARE', '2020-02'))?.units).toBe(reported.size);
        }),
        { numRuns: 6 },
      );
    } finally {
      await other.stop();
    }
  });
});
