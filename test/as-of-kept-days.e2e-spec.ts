import { startTestCentral, TestCentral } from './support/central';
import { sql, withClient } from './support/database';
import { expectRollupsMaintained, rollupVerdict } from './support/rollups';
import { landUpdate, pusher } from './support/updates';

/**
 * A past day's roll-ups and escalation counts, computed once and kept (migration
 * KeptPastDays), over the 2020 demo (today 2020-03-01): read again from what was kept,
 * and computed again only when something dated on or before the day is written after,
 * whoever writes it. Every kept figure is held to the same day computed from the
 * ledger by the roll-up cross-check (verify-rollups).
 */
describe('past days kept once computed', () => {
  let sut: TestCentral;
  const DAY = '2020-02-10';

  beforeAll(async () => {
    // answers are not cached whole here: what is under test is what a read computes
    sut = await startTestCentral({ demo: true, env: { RESPONSE_CACHE_MB: '0' } });
  });

  afterAll(async () => {
    await sut?.stop();
  });

  async function asOf(day: string) {
    const r = await sut.gql(
      `query($d: Date) {
        nationalDashboard(asOf: $d) { programs { program { code } progress { total late blocked percentComplete } }
          escalationsByLevel { level count } }
        program(code: "LAND") { provinceBoard(asOf: $d) { unit { code } progress { percentComplete }
          milestones { key percentComplete } } } }`,
      { d: day },
    );
    expect(r.errors).toBeUndefined();
    const board = r.data!.program.provinceBoard as {
      unit: { code: string };
      progress: { percentComplete: number };
      milestones: { key: string; percentComplete: number }[];
    }[];
    const row = (unit: string) => board.find((x) => x.unit.code === unit);
    return {
      dashboard: r.data!.nationalDashboard,
      board,
      /** A milestone's own percentage, rebuilt from the ledger for the day. */
      percentOf: (unit: string, key: string) =>
        row(unit)?.milestones.find((m) => m.key === key)?.percentComplete,
      /** The unit's LAND row: summed from the day's cells, kept or computed. */
      rowPercent: (unit: string) => row(unit)?.progress.percentComplete,
    };
  }

  /** When each program's kept figures of `kind` for `day` were computed, by program code. */
  async function computedAt(day: string, kind: 'CELLS' | 'ESCALATIONS') {
    const kept = await sql<{ code: string; at: Date }>(
      `SELECT p.code, k.computed_at AS at FROM kept_day k JOIN program p ON p.id = k.program_id
       WHERE k.kind = $1 AND k.day = $2 ORDER BY p.code`,
      [kind, day],
    );
    return Object.fromEntries(kept.map((k) => [k.code, k.at.toISOString()]));
  }

  let first: Awaited<ReturnType<typeof asOf>>;
  let keptAt: Record<string, string>;

  it('the first read of a past day keeps every program, and the next reads what it kept', async () => {
    first = await asOf(DAY);
    const programs = (first.dashboard.programs as { program: { code: string } }[])
      .map((p) => p.program.code)
      .sort();
    expect(programs.length).toBeGreaterThan(1);
    keptAt = await computedAt(DAY, 'CELLS');
    expect(Object.keys(keptAt)).toEqual(programs);
    expect(Object.keys(await computedAt(DAY, 'ESCALATIONS'))).toEqual(programs);
    const [cells] = await sql<{ total: number }>(
      `SELECT sum(total)::int AS total FROM kept_day_cell WHERE day = $1`,
      [DAY],
    );
    const shown = (first.dashboard.programs as { progress: { total: number } }[]).reduce(
      (n, p) => n + p.progress.total,
      0,
    );
    expect(cells.total).toBe(shown);

    const again = await asOf(DAY);
    expect(again.dashboard).toEqual(first.dashboard);
    expect(again.board).toEqual(first.board);
    expect(await computedAt(DAY, 'CELLS')).toEqual(keptAt);
    await expectRollupsMaintained();
  });

  it('a day less than two days gone is computed on every read, never kept', async () => {
    await asOf('2020-02-29');
    expect(await computedAt('2020-02-29', 'CELLS')).toEqual({});
    await asOf('2020-02-28');
    expect(Object.keys(await computedAt('2020-02-28', 'CELLS')).length).toBeGreaterThan(1);
  });

  it('a report dated back before the day, pushed later, is in the next read: its program computed again, no other', async () => {
    expect(first.percentOf('01', 'LAND-P-02')).not.toBe(77);
    const pushed = await pusher(sut)([
      landUpdate('01', 1000, {
        idempotencyKey: 'kept-back-dated',
        percentComplete: 77,
        reportedAt: '2020-02-05T09:00:00+07:00',
      }),
    ]);
    expect(pushed.errors).toBeUndefined();
    expect(pushed.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');

    const after = await asOf(DAY);
    expect(after.percentOf('01', 'LAND-P-02')).toBe(77);
    expect(after.rowPercent('01')).not.toBe(first.rowPercent('01'));
    const now = await computedAt(DAY, 'CELLS');
    expect(now.LAND).not.toBe(keptAt.LAND);
    for (const code of Object.keys(keptAt).filter((c) => c !== 'LAND'))
      expect(now[code]).toBe(keptAt[code]);
    // and a day before the report is untouched by it
    expect((await asOf('2020-02-04')).percentOf('01', 'LAND-P-02')).not.toBe(77);
    await expectRollupsMaintained();
  });

  it('a unit ended before the day by SQL (an import, a correction) leaves the kept day at once', async () => {
    const rows = async () => (await asOf(DAY)).board.map((r) => r.unit.code);
    expect(await rows()).toContain('79');
    await sql(`UPDATE unit SET valid_to = '2020-02-01' WHERE code = '79' AND valid_to IS NULL`);
    try {
      expect(await rows()).not.toContain('79');
      await expectRollupsMaintained();
    } finally {
      await sql(`UPDATE unit SET valid_to = NULL WHERE code = '79' AND valid_to = '2020-02-01'`);
    }
    expect(await rows()).toContain('79');
  });

  it('an escalation event dated back before the day is counted in the next read', async () => {
    const levels = async () =>
      Object.fromEntries(
        ((await asOf(DAY)).dashboard.escalationsByLevel as { level: string; count: number }[]).map(
          (l) => [l.level, l.count],
        ),
      );
    const before = await levels();
    const [open] = await sql<{ id: string }>(
      `SELECT e.id FROM escalation e WHERE NOT EXISTS (SELECT 1 FROM escalation_event ee
         WHERE ee.escalation_id = e.id AND ee.at < '2020-02-11T00:00:00+07:00') LIMIT 1`,
    );
    expect(open).toBeDefined();
    await sql(
      `INSERT INTO escalation_event (escalation_id, at, kind, level, actor)
       VALUES ($1, '2020-02-03T09:00:00+07:00', 'OPENED', 'MINISTER', 'test')`,
      [open.id],
    );
    expect((await levels()).MINISTER).toBe(before.MINISTER + 1);
  });

  it('compaction forgets the changes every kept day has seen, and what is kept still reads the same', async () => {
    const before = await asOf(DAY);
    const keptBefore = await computedAt(DAY, 'CELLS');
    const count = async () =>
      (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM history_change`))[0].n;
    const changes = await count();
    expect(changes).toBeGreaterThan(0); // the demo's history, the reports and dates above
    await sql(`SELECT history_compact()`);
    expect(await count()).toBeLessThan(changes);
    const [older] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM history_change WHERE xid < (SELECT min(computed_xmin) FROM kept_day)`,
    );
    expect(older.n).toBe(0);
    const after = await asOf(DAY);
    expect(after.dashboard).toEqual(before.dashboard);
    expect(after.board).toEqual(before.board);
    expect(await computedAt(DAY, 'CELLS')).toEqual(keptBefore);
    await expectRollupsMaintained();
  });

  it('the cross-check names a kept milestone or cell that differs from the ledger', async () => {
    await asOf(DAY);
    await sql(
      `UPDATE kept_day_milestone k SET percent_complete = 3 FROM milestone m, plan_item pi, unit u
       WHERE k.day = $1 AND m.id = k.id AND pi.id = m.plan_item_id AND u.id = m.unit_id
         AND pi.key = 'LAND-P-02' AND u.code = '01'`,
      [DAY],
    );
    await sql(
      `UPDATE kept_day_cell k SET total = total + 1 FROM program p, unit u
       WHERE k.day = $1 AND p.id = k.program_id AND u.id = k.unit_id AND p.code = 'LAND' AND u.code = '02'`,
      [DAY],
    );
    try {
      const verdict = await rollupVerdict();
      expect(verdict.mismatches.map((m) => m.where)).toEqual([
        `${DAY}/LAND/02`,
        `${DAY}/LAND/01/LAND-P-02`,
      ]);
      const milestone = verdict.mismatches[1];
      expect(milestone.maintained).toContain(',3,');
      expect(milestone.computed).toContain(',77,');
    } finally {
      await sql(`DELETE FROM kept_day WHERE day = $1`, [DAY]);
    }
    await asOf(DAY);
    await expectRollupsMaintained();
  });

  // Two sessions at once: the embedded database serves one transaction at a time, so a
  // change cannot be in progress while a read computes there; the PostgreSQL run has it.
  const itOnServer = process.env.TEST_DATABASE_MODE === 'postgres' ? it : it.skip;
  itOnServer(
    'a change still uncommitted while the day is computed leaves it stale once committed',
    async () => {
      const at77 = await asOf(DAY);
      expect(at77.percentOf('01', 'LAND-P-02')).toBe(77);
      await withClient(async (writer) => {
        await writer.query('BEGIN');
        await writer.query(
          `UPDATE milestone_update SET percent_complete = 88 WHERE idempotency_key = 'kept-back-dated'`,
        );
        // the day computed again now (the update made it stale) cannot see 88 yet
        await sql(`DELETE FROM kept_day WHERE day = $1`, [DAY]);
        expect((await asOf(DAY)).rowPercent('01')).toBe(at77.rowPercent('01'));
        expect(Object.keys(await computedAt(DAY, 'CELLS'))).toContain('LAND');
        await writer.query('COMMIT');
      });
      const at88 = await asOf(DAY);
      expect(at88.percentOf('01', 'LAND-P-02')).toBe(88);
      expect(at88.rowPercent('01')).toBeGreaterThan(at77.rowPercent('01')!);
      await expectRollupsMaintained();
    },
  );
});
