import { demoCentral, errorCode } from './support/central';
import { sql } from './support/database';
import { defineIndicator, indicatorValue as value, pushValues } from './support/indicators';
import { landUpdate } from './support/updates';

/** What the ledger holds for a node: values and updates, each once per key (not the demo's history, seq < 0). */
async function ledgerOf(unitCode: string) {
  const [values, updates] = await Promise.all([
    sql<{ seq: number; outcome: string }>(
      `SELECT v.seq, v.outcome FROM indicator_value v JOIN unit u ON u.id = v.node_unit_id
       WHERE u.code = $1 AND u.valid_to IS NULL AND v.seq > 0 ORDER BY v.seq`,
      [unitCode],
    ),
    sql<{ seq: number; outcome: string }>(
      `SELECT m.seq, m.outcome FROM milestone_update m JOIN unit u ON u.id = m.node_unit_id
       WHERE u.code = $1 AND u.valid_to IS NULL AND m.seq > 0 ORDER BY m.seq`,
      [unitCode],
    ),
  ]);
  return { values, updates };
}

const outcomes = (results: { outcome: string }[]) => results.map((r) => r.outcome);

describe('pushMilestoneUpdates with indicatorValues (one seq space, one transaction)', () => {
  const sut = demoCentral('per-file');

  beforeAll(async () => {
    await defineIndicator(sut, 'L4_SHARE', 'RATIO', [{ value: 0.3, due: '2020-12-31' }]);
    await defineIndicator(sut, 'RECORDS', 'COUNT', [{ value: 75_000_000, due: '2020-12-31' }]);
  });

  it('records updates and values interleaved by seq once each, however often the batch is retried or duplicated', async () => {
    const v2 = value('L4_SHARE', '02', 2, '2020-01', 3, 40);
    const v4 = value('RECORDS', '02', 4, '2020-02', 120_000);
    const updates = [landUpdate('02', 1), landUpdate('02', 3, { percentComplete: 60 })];
    const batch = [v2, v4];
    const first = await pushValues(sut, '02', batch, updates);
    expect(first.errors).toBeUndefined();
    expect(first.data!.pushMilestoneUpdates).toMatchObject({ highestAckedSeq: 4 });
    expect(outcomes(first.data!.pushMilestoneUpdates.results)).toEqual(['APPLIED', 'APPLIED']);
    expect(outcomes(first.data!.pushMilestoneUpdates.indicatorResults)).toEqual([
      'APPLIED',
      'APPLIED',
    ]);

    // The node did not hear the answer and sends it all again, twice at once.
    const retries = await Promise.all([
      pushValues(sut, '02', batch, updates),
      pushValues(sut, '02', batch, updates),
    ]);
    for (const retry of retries) {
      expect(retry.errors).toBeUndefined();
      expect(outcomes(retry.data!.pushMilestoneUpdates.indicatorResults)).toEqual([
        'DUPLICATE',
        'DUPLICATE',
      ]);
      expect(outcomes(retry.data!.pushMilestoneUpdates.results)).toEqual([
        'DUPLICATE',
        'DUPLICATE',
      ]);
    }
    expect(await ledgerOf('02')).toEqual({
      values: [
        { seq: 2, outcome: 'APPLIED' },
        { seq: 4, outcome: 'APPLIED' },
      ],
      updates: [
        { seq: 1, outcome: 'APPLIED' },
        { seq: 3, outcome: 'APPLIED' },
      ],
    });
  });

  it('rejects what cannot stand, with a reason, and keeps it; an older seq for the same month is STALE', async () => {
    const batch = [
      value('NO_SUCH', '04', 1, '2020-01', 1, 2),
      value('L4_SHARE', '04', 2, '2020-04', 1, 2),
      value('L4_SHARE', '04', 3, '2020-01', 1, 0),
      value('L4_SHARE', '04', 4, '2020-01', 1, null),
      value('L4_SHARE', '04', 5, '2020-01', 41, 40),
      value('RECORDS', '04', 6, '2020-01', -5),
      value('L4_SHARE', '04', 8, '2020-01', 5, 40),
    ];
    const r = await pushValues(sut, '04', batch);
    expect(r.errors).toBeUndefined();
    const results = r.data!.pushMilestoneUpdates.indicatorResults as {
      outcome: string;
      reason: string | null;
    }[];
    expect(results.map((x) => [x.outcome, x.reason?.replace(/:.*/, '') ?? null])).toEqual([
      ['REJECTED', 'unknown indicator NO_SUCH'],
      ['REJECTED', 'period'],
      ['REJECTED', 'denominator'],
      ['REJECTED', 'denominator'],
      ['REJECTED', 'numerator'],
      ['REJECTED', 'numerator'],
      ['APPLIED', null],
    ]);
    expect(results[1].reason).toMatch(/future/);
    expect(results[4].reason).toMatch(/above the denominator/);

    // Seq 7 arrives late (a later batch) for the month seq 8 already set.
    const late = await pushValues(sut, '04', [value('L4_SHARE', '04', 7, '2020-01', 6, 40)]);
    expect(late.data!.pushMilestoneUpdates.indicatorResults).toEqual([
      expect.objectContaining({ outcome: 'STALE', reason: expect.stringMatching(/not above 8/) }),
    ]);
    expect((await ledgerOf('04')).values.map((v) => v.outcome)).toEqual([
      ...Array(6).fill('REJECTED'),
      'STALE',
      'APPLIED',
    ]);
  });

  it.each<
    [
      string,
      (unit: string) => Parameters<typeof pushValues>[2],
      Parameters<typeof pushValues>[3],
      string,
    ]
  >([
    [
      'a seq shared by an update and a value',
      (u) => [value('RECORDS', u, 1, '2020-01', 1)],
      [landUpdate('06', 1)],
      'BAD_USER_INPUT',
    ],
    [
      'values out of seq order',
      (u) => [value('RECORDS', u, 2, '2020-01', 1), value('RECORDS', u, 1, '2019-12', 1)],
      [],
      'BAD_USER_INPUT',
    ],
    ['a malformed month', (u) => [value('RECORDS', u, 1, '2020-1', 1)], [], 'BAD_USER_INPUT'],
    [
      'a value for another province',
      () => [value('RECORDS', '01', 1, '2020-01', 1)],
      [],
      'FORBIDDEN',
    ],
  ])('refuses the whole batch for %s: nothing is recorded', async (_, values, updates, code) => {
    const r = await pushValues(sut, '06', values('06'), updates);
    expect(errorCode(r)).toBe(code);
    expect(await ledgerOf('06')).toEqual({ values: [], updates: [] });
  });
});
