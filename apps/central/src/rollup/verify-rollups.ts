import { Health, IsoDate, NO_MILESTONES, ProgressSums } from '@tracker/domain';
import { rows } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { healthOn } from '../milestones/health.sql';
import {
  CURRENT,
  KEPT_MILESTONE_COLUMNS,
  KeptKind,
  rebuiltMilestones,
} from '../milestones/kept-days';
import { RollupCell, RollupSumsRepository } from './rollup-sums.repository';

/** A check of something kept that holds no date (run whatever day the roll-ups hold). */
export type UndatedCheck = (db: DataSource) => Promise<RollupMismatch[]>;

/** A place where what the triggers maintained is not what the rules compute. */
export interface RollupMismatch {
  /** program/unit (a cell) or program/unit/key (a milestone's health). */
  where: string;
  maintained: string;
  computed: string;
}

export interface RollupVerdict {
  /** The day the roll-ups hold; null when they hold none (only the escalation counts verified). */
  day: IsoDate | null;
  milestones: number;
  cells: number;
  mismatches: RollupMismatch[];
}

const SUM_KEYS = Object.keys(NO_MILESTONES) as (keyof ProgressSums)[];

function describe(cell: RollupCell): string {
  return SUM_KEYS.map((k) => `${k}=${cell[k]}`).join(' ');
}

/** Sums of doubles added in another order: equal to a part in a billion. */
export function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

function sameSums(a: RollupCell, b: RollupCell): boolean {
  return SUM_KEYS.every((k) => close(a[k], b[k]));
}

/** The live escalations kept per program and level against a recount (any day: they hold no date). */
async function escalationCountMismatches(db: DataSource): Promise<RollupMismatch[]> {
  const differ = await rows(
    db,
    sql<{ where: string; maintained: number; computed: number }>`
      SELECT 'escalations/' || p.code || '/' || x.level AS "where", x.maintained, x.computed
      FROM (SELECT COALESCE(k.program_id, c.program_id) AS program_id, COALESCE(k.level, c.level) AS level,
              COALESCE(k.live, 0) AS maintained, COALESCE(c.live, 0) AS computed
            FROM escalation_count k FULL JOIN (
              SELECT m.program_id, e.level, count(*)::int AS live FROM escalation e
              JOIN milestone m ON m.id = e.milestone_id WHERE e.state <> 'RESOLVED' GROUP BY 1, 2
            ) c ON c.program_id = k.program_id AND c.level = k.level) x
      JOIN program p ON p.id = x.program_id
      WHERE x.maintained <> x.computed ORDER BY 1`,
  );
  return differ.map((d) => ({
    where: d.where,
    maintained: String(d.maintained),
    computed: String(d.computed),
  }));
}

/** The programs of each past day whose kept `kind` is current (a read would use it). */
async function currentKept(db: DataSource, kind: KeptKind) {
  return rows(
    db,
    sql<{
      day: IsoDate;
      programs: string[];
    }>`SELECT k.day, array_agg(k.program_id)::text[] AS programs
      FROM kept_day k WHERE k.kind = ${kind} AND ${CURRENT} GROUP BY k.day ORDER BY k.day`,
  );
}

/**
 * Each past day's kept cells that are still current against the same day computed
 * from the ledger and the plans: `where` is day/program/unit.
 */
async function keptCellMismatches(
  db: DataSource,
  codeOf: Map<string, string>,
): Promise<RollupMismatch[]> {
  const sums = new RollupSumsRepository(db);
  const mismatches: RollupMismatch[] = [];
  for (const { day, programs } of await currentKept(db, 'CELLS')) {
    const kept = await sums.kept(programs, day);
    const on = { day, fromHistory: true, maintained: false };
    mismatches.push(...differences(kept, await sums.recomputed(programs, on), codeOf, `${day}/`));
  }
  return mismatches;
}

/**
 * Each past day's kept milestones that are still current against the same milestones
 * rebuilt from the ledger: `where` is day/program/unit/key, each side's row as text.
 */
async function keptMilestoneMismatches(db: DataSource): Promise<RollupMismatch[]> {
  const mismatches: RollupMismatch[] = [];
  for (const { day, programs } of await currentKept(db, 'MILESTONES')) {
    const differ = await rows(
      db,
      sql<RollupMismatch>`WITH rebuilt AS (${rebuiltMilestones(day, programs)}),
        kept AS (SELECT ${sql.raw(KEPT_MILESTONE_COLUMNS)} FROM kept_day_milestone
          WHERE day = ${day}::date AND program_id = ANY (${programs}::uuid[])),
        only_kept AS (SELECT * FROM kept EXCEPT SELECT * FROM rebuilt),
        only_rebuilt AS (SELECT * FROM rebuilt EXCEPT SELECT * FROM kept)
      SELECT ${day}::text || '/' || p.code || '/' || u.code || '/' || pi.key AS "where",
        COALESCE((SELECT k::text FROM only_kept k WHERE k.id = x.id), 'absent') AS maintained,
        COALESCE((SELECT r::text FROM only_rebuilt r WHERE r.id = x.id), 'absent') AS computed
      FROM (SELECT id FROM only_kept UNION SELECT id FROM only_rebuilt) x
      JOIN milestone m ON m.id = x.id JOIN program p ON p.id = m.program_id
      JOIN unit u ON u.id = m.unit_id JOIN plan_item pi ON pi.id = m.plan_item_id ORDER BY 1`,
    );
    mismatches.push(...differ);
  }
  return mismatches;
}

/**
 * The keys where what was kept and what was computed differ (or one is absent), in
 * key order, each side described.
 */
export function mismatchesOf<T>(
  kept: Map<string, T>,
  computed: Map<string, T>,
  same: (a: T, b: T) => boolean,
  describe: (t: T) => string,
): RollupMismatch[] {
  const side = (t: T | undefined) => (t === undefined ? 'absent' : describe(t));
  return [...new Set([...kept.keys(), ...computed.keys()])]
    .sort()
    .filter((where) => {
      const [a, b] = [kept.get(where), computed.get(where)];
      return a === undefined || b === undefined || !same(a, b);
    })
    .map((where) => ({
      where,
      maintained: side(kept.get(where)),
      computed: side(computed.get(where)),
    }));
}

/** The cells of `a` and `b` that differ, named prefix + program/unit code. */
function differences(
  a: RollupCell[],
  b: RollupCell[],
  codeOf: Map<string, string>,
  prefix = '',
): RollupMismatch[] {
  const key = (c: RollupCell) => `${prefix}${codeOf.get(c.programId)}/${codeOf.get(c.unitId)}`;
  const byKey = (cells: RollupCell[]) => new Map(cells.map((c) => [key(c), c]));
  return mismatchesOf(byKey(a), byKey(b), sameSums, describe);
}

/**
 * The cross-check of issue 14: every maintained health and every maintained cell
 * against the same rules computed from the milestones and plans as they stand, for
 * the day the roll-ups hold; the live escalations kept per program and level against
 * a recount; what `undated` checks (features after this one: verifyMaintained);
 * every past day's kept milestones and cells still in use against the same day
 * rebuilt from the ledger. Reads only: it never repairs what it finds.
 */
export async function verifyRollups(
  db: DataSource,
  undated: readonly UndatedCheck[],
): Promise<RollupVerdict> {
  // checked whatever day the roll-ups hold, or none
  const undatedMismatches: RollupMismatch[] = [];
  for (const check of [escalationCountMismatches, ...undated])
    undatedMismatches.push(...(await check(db)));
  const [state] = await rows(db, sql<{ day: IsoDate | null }>`SELECT day FROM rollup_state`);
  const day = state?.day ?? null;
  if (day === null) return { day, milestones: 0, cells: 0, mismatches: undatedMismatches };
  const health = await rows(
    db,
    sql<{ where: string; maintained: Health | null; computed: Health; order: string | null }>`
      SELECT p.code || '/' || u.code || '/' || pi.key AS "where", mh.health AS maintained,
        ${healthOn(day)} AS computed, mh.program_code || '/' || mh.unit_code || '/' || mh.item_key AS "order"
      FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
      JOIN unit u ON u.id = m.unit_id LEFT JOIN milestone_health mh ON mh.milestone_id = m.id
      ORDER BY 1`,
  );
  const programs = await rows(db, sql<{ id: string; code: string }>`SELECT id, code FROM program`);
  const sums = new RollupSumsRepository(db);
  const ids = programs.map((p) => p.id);
  const [maintained, computed] = await Promise.all(
    [true, false].map((m) => sums.cells(ids, { day, fromHistory: false, maintained: m })),
  );
  const units = await rows(db, sql<{ id: string; code: string }>`SELECT id, code FROM unit`);
  const codeOf = new Map([...programs, ...units].map((r) => [r.id, r.code]));
  const mismatches: RollupMismatch[] = health.flatMap((h) => [
    ...(h.maintained !== h.computed
      ? [{ where: h.where, maintained: h.maintained ?? 'absent', computed: h.computed }]
      : []),
    // the codes a page of milestones sorts by (kept beside the health): its own
    ...(h.maintained && h.order !== h.where
      ? [{ where: h.where, maintained: `sorted as ${h.order}`, computed: `sorted as ${h.where}` }]
      : []),
  ]);
  mismatches.push(...differences(maintained, computed, codeOf));
  mismatches.push(
    ...(await keptCellMismatches(db, codeOf)),
    ...(await keptMilestoneMismatches(db)),
  );
  return {
    day,
    milestones: health.length,
    cells: computed.length,
    mismatches: [...mismatches, ...undatedMismatches],
  };
}
