import fc from 'fast-check';
import { GqlResult } from './central';
import { sql } from './database';
import { expectRollupsMaintained } from './rollups';

/**
 * What the property tests of the write paths share: the inputs they generate, the refusals
 * they accept, and the invariants the database must keep after every run.
 */
const REFUSALS = ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND'];
export const RUNS = 40;
// A fixed seed keeps CI reproducible; PROPERTY_SEED explores other runs locally.
fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20200301) });

export const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'Hà Nội',
    'Chưa bố trí kinh phí',
    '',
    '   ',
    'a\u0000b',
    'x'.repeat(600),
    'Ha\u0300 No\u0323\u0302i',
  ),
);
// Mostly real dates: a bad one refuses the whole request, and the applied branch needs every date good.
export const date = fc.oneof(
  { arbitrary: fc.constantFrom('2020-02-30', '2019-13-01', 'soon', '2020-2-1'), weight: 1 },
  {
    arbitrary: fc
      .date({ min: new Date('2019-01-01'), max: new Date('2021-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    weight: 4,
  },
);
export const status = fc.oneof(
  { arbitrary: fc.constantFrom('NOT_STARTED', 'IN_PROGRESS'), weight: 4 },
  { arbitrary: fc.constantFrom('BLOCKED', 'DONE', 'CANCELLED'), weight: 2 },
);

export async function invariants(): Promise<void> {
  const [row] = await sql<{
    ahead: number;
    applied: number;
    appliedCounted: number;
    rejected: number;
    rejectedCounted: number;
    badDone: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM milestone m JOIN node_sync n ON n.unit_id = m.unit_id WHERE m.version > n.highest_seq) AS ahead,
       (SELECT count(*)::int FROM milestone_update WHERE outcome = 'APPLIED' AND seq > 0) AS applied,
       (SELECT COALESCE(sum(applied_count), 0)::int FROM node_sync) AS "appliedCounted",
       (SELECT count(*)::int FROM milestone_update WHERE outcome = 'REJECTED' AND seq > 0) AS rejected,
       (SELECT COALESCE(sum(rejected_count), 0)::int FROM node_sync) AS "rejectedCounted",
       (SELECT count(*)::int FROM milestone WHERE status = 'DONE' AND (percent_complete <> 100 OR completed_on IS NULL)) AS "badDone"`,
  );
  expect(row.ahead).toBe(0);
  expect(row.applied).toBe(row.appliedCounted);
  expect(row.rejected).toBe(row.rejectedCounted);
  expect(row.badDone).toBe(0);
  const [{ orphans }] = await sql<{ orphans: number }>(
    `SELECT (SELECT count(*) FROM milestone m LEFT JOIN plan_item pi ON pi.id = m.plan_item_id WHERE pi.id IS NULL)::int
          + (SELECT count(*) FROM escalation e LEFT JOIN milestone m ON m.id = e.milestone_id WHERE m.id IS NULL)::int AS orphans`,
  );
  expect(orphans).toBe(0);
  await expectRollupsMaintained();
}

/**
 * Counts which branch each run of a property took, and after each test checks that every run
 * took exactly one and that both were taken: a property whose runs all refuse says nothing.
 * A refusal must come with one of the known codes.
 */
export function branchTally(): {
  refused: (result: GqlResult) => void;
  applied: () => void;
  /** For a write that moves a count by one (rows recorded, a plan version): tallies the branch and checks the count moved only when applied; true when applied. */
  oneMoreUnlessRefused: (result: GqlResult, before: number, after: number) => boolean;
} {
  const tally = { refused: 0, applied: 0 };
  beforeEach(() => {
    tally.refused = 0;
    tally.applied = 0;
  });
  afterEach(() => {
    // Every run took exactly one branch.
    expect(tally.refused + tally.applied).toBe(RUNS);
    expect(Math.min(tally.refused, tally.applied)).toBeGreaterThan(0);
  });
  const refused = (result: GqlResult) => {
    tally.refused += 1;
    expect(REFUSALS).toContain(result.errors?.[0].extensions?.code);
  };
  const applied = () => (tally.applied += 1);
  return {
    refused,
    applied,
    oneMoreUnlessRefused: (result, before, after) => {
      if (result.errors) refused(result);
      else applied();
      expect(after).toBe(result.errors ? before : before + 1);
      return !result.errors;
    },
  };
}
