import { addSums, NO_MILESTONES, ProgressSums, RollupFact, sumFacts } from '@tracker/domain';
import { healthSql } from '../apps/central/src/milestones/health.sql';
import { RollupSumsRepository } from '../apps/central/src/rollup/rollup-sums.repository';
import { startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';

/**
 * Roll-ups are summed in SQL (one row per group instead of one per milestone) and
 * defined by the domain library's sumFacts. This runs both over the demo's
 * milestones, on dates before, during and after the plans, and demands the same sums.
 */
describe('roll-up sums in SQL agree with the domain rules', () => {
  let sut: TestCentral;
  let repository: RollupSumsRepository;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
    repository = sut.running.app.get(RollupSumsRepository);
    // The demo cancels nothing (a cancelled milestone counts in no sum) and finishes
    // nothing on its very baseline date (on time, the boundary of onTime).
    await sql(
      `UPDATE milestone SET status = 'CANCELLED' WHERE id IN (
         SELECT id FROM milestone WHERE status = 'IN_PROGRESS' ORDER BY id LIMIT 3)`,
    );
    await sql(
      `UPDATE milestone m SET completed_on = pi.baseline_due FROM plan_item pi
       WHERE pi.id = m.plan_item_id AND m.id IN (
         SELECT id FROM milestone WHERE status = 'DONE' ORDER BY id LIMIT 3)`,
    );
  });

  afterAll(async () => {
    await sut.stop();
  });

  /** The tables as they are, health judged on `day` (the rules at any date; history apart). */
  const live = (day: string) => ({ day, fromHistory: false, maintained: false });

  type Fact = RollupFact & { programId: string; unitId: string };

  const facts = (today: string) =>
    sql<Fact>(
      `SELECT m.program_id AS "programId", m.unit_id AS "unitId", m.status, ${healthSql('$1')} AS health,
              pi.weight, m.percent_complete AS "percentComplete", pi.baseline_due AS "baselineDue",
              m.completed_on AS "completedOn"
       FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id`,
      [today],
    );

  function sumBy(rows: Fact[], key: (f: Fact) => string, today: string) {
    const groups = new Map<string, Fact[]>();
    for (const f of rows) groups.set(key(f), [...(groups.get(key(f)) ?? []), f]);
    const sums = new Map<string, ProgressSums>();
    for (const [k, group] of groups) {
      const s = sumFacts(group, today);
      if (s.total > 0) sums.set(k, s); // a group of CANCELLED only has no row in SQL
    }
    return sums;
  }

  function expectSame(actual: Map<string, ProgressSums>, expected: Map<string, ProgressSums>) {
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, want] of expected) {
      const got = actual.get(k)!;
      const { weighted, weights, ...counts } = want;
      expect({ ...got, weighted: 0, weights: 0 }).toEqual({ ...counts, weighted: 0, weights: 0 });
      expect(got.weighted).toBeCloseTo(weighted, 6);
      expect(got.weights).toBeCloseTo(weights, 6);
    }
  }

  it('the demo, on its own date, has every health, on-time work and a cancelled milestone', async () => {
    const today = '2020-03-01';
    const rows = await facts(today);
    const all = sumFacts(rows, today);
    expect([all.done, all.late, all.blocked, all.atRisk, all.onTrack, all.onTime]).not.toContain(0);
    expect(rows.some((f) => f.status === 'CANCELLED')).toBe(true);
  });

  it.each(['2019-06-01', '2020-03-01', '2021-01-01', '2030-01-01'])(
    'per (program, unit), per program and per unit, on %s',
    async (today) => {
      const rows = await facts(today);
      const programIds = [...new Set(rows.map((f) => f.programId))];
      expect(programIds.length).toBeGreaterThan(1);
      const cells = await repository.cells(programIds, live(today));
      expectSame(
        new Map(cells.map(({ programId, unitId, ...s }) => [`${programId}|${unitId}`, s])),
        sumBy(rows, (f) => `${f.programId}|${f.unitId}`, today),
      );

      const totals = await repository.totals(programIds, live(today));
      expectSame(
        totals.byProgram,
        sumBy(rows, (f) => f.programId, today),
      );
      expectSame(
        totals.byUnit,
        sumBy(rows, (f) => f.unitId, today),
      );
      // and cells add up to the totals
      const fromCells = cells
        .filter((c) => c.programId === programIds[0])
        .reduce<ProgressSums>(addSums, NO_MILESTONES);
      expect(fromCells.total).toBe(totals.byProgram.get(programIds[0])!.total);
    },
  );
});
