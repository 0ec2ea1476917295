import { IsoDate } from '@tracker/domain';
import { one, run } from '@tracker/persistence';
import { RawBuilder, sql } from 'kysely';
import { DataSource } from 'typeorm';
import { asOfCtes, MILESTONE_COLUMNS, ReadDay } from './as-of.sql';
import { healthOn } from './health.sql';

/**
 * What a past day keeps per program (migration KeptPastDays): its milestones' state,
 * its roll-up cells, its live escalations per level.
 */
export type KeptKind = 'MILESTONES' | 'CELLS' | 'ESCALATIONS';

/** A kept table: its columns after `day` (program_id first), and its key after `day`. */
export interface KeptTable {
  name: 'kept_day_milestone' | 'kept_day_cell' | 'kept_day_escalation';
  columns: string[];
  key: string[];
}

/** A kept day (alias k) still current (migration KeptPastDays: kept_day_current). */
export const CURRENT = sql`kept_day_current(k.program_id, k.day, k.computed_xmin, k.computed_under)`;

/** The programs of `programs` (a uuid[] expression) without a current kept `kind` for `day`. */
function staleOf(kind: KeptKind, day: IsoDate, programs: RawBuilder<unknown>) {
  return sql`ARRAY(SELECT p FROM unnest(${programs}) p WHERE NOT EXISTS (
    SELECT 1 FROM kept_day k WHERE k.kind = ${kind} AND k.day = ${day}::date AND k.program_id = p
      AND ${CURRENT}))::text[]`;
}

/**
 * Makes every program of `programIds` (null: all) hold a current kept `kind` for `day`,
 * computing those missing or stale with `store(stale)`, and answers with those
 * programs, or null when the day cannot be kept: only days before history_horizon()
 * (two days gone). Computations of one day and kind take turns (an advisory lock), and
 * the next finds what the one before it kept: a crowd of first reads computes once.
 * Each shares the lock history_compact() takes alone. A change that commits while one
 * computes is not seen by it and so leaves the day stale, to be computed again by the
 * next read: never a day kept with it missing.
 */
export async function keepDay(
  db: DataSource,
  kind: KeptKind,
  day: IsoDate,
  programIds: readonly string[] | null,
  store: (stale: string[]) => RawBuilder<unknown>,
): Promise<string[] | null> {
  const programs = programIds ? sql`${programIds}::uuid[]` : sql`ARRAY(SELECT id FROM program)`;
  const state = await one(
    db,
    sql<{ keepable: boolean; programs: string[]; stale: string[] }>`SELECT
      ${day}::date < history_horizon() AS keepable, ${programs}::text[] AS programs,
      ${staleOf(kind, day, programs)} AS stale`,
  );
  if (!state?.keepable) return null;
  if (state.stale.length > 0)
    await db.transaction(async (tx) => {
      await run(
        tx,
        sql`SELECT pg_advisory_xact_lock_shared(8613, 0),
          pg_advisory_xact_lock(8612, hashtext(${kind}::text || ${day}::text))`,
      );
      const stale = staleOf(kind, day, sql`${state.stale}::uuid[]`);
      const still = await one(tx, sql<{ stale: string[] }>`SELECT ${stale} AS stale`);
      if (still && still.stale.length > 0) await run(tx, store(still.stale));
    });
  return state.programs;
}

/**
 * One statement that replaces the kept rows of (day, programs) in `table` with `fresh`
 * (the table's columns in order) and stamps the programs' kept_day with this very
 * statement's snapshot: what it computed from.
 */
export function replaceKept(
  kind: KeptKind,
  day: IsoDate,
  programIds: readonly string[],
  table: KeptTable,
  fresh: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const list = sql.raw(table.columns.join(', '));
  const values = table.columns.filter((c) => !table.key.includes(c));
  return sql`WITH fresh (${list}) AS (${fresh}),
    stamped AS (INSERT INTO kept_day AS k (kind, day, program_id, computed_under, computed_xmin)
      SELECT ${kind}, ${day}::date, p, pg_current_snapshot()::text,
        pg_snapshot_xmin(pg_current_snapshot())::text::bigint FROM unnest(${programIds}::uuid[]) p
      ON CONFLICT (kind, day, program_id) DO UPDATE SET computed_under = EXCLUDED.computed_under,
        computed_xmin = EXCLUDED.computed_xmin, computed_at = now()),
    written AS (INSERT INTO ${sql.table(table.name)} (day, ${list}) SELECT ${day}::date, * FROM fresh
      ON CONFLICT (day, ${sql.raw(table.key.join(', '))})
        DO UPDATE SET ${sql.raw(values.map((c) => `${c} = EXCLUDED.${c}`).join(', '))})
    DELETE FROM ${sql.table(table.name)} c WHERE c.day = ${day}::date AND c.program_id = ANY (${programIds}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE ${sql.raw(table.key.map((k) => `f.${k} = c.${k}`).join(' AND '))})`;
}

const KEPT_MILESTONES: KeptTable = {
  name: 'kept_day_milestone',
  columns: ['program_id', ...MILESTONE_COLUMNS.filter((c) => c !== 'program_id'), 'health'],
  key: ['id'],
};

/** kept_day_milestone's columns, in order. */
export const KEPT_MILESTONE_COLUMNS = KEPT_MILESTONES.columns.join(', ');

/**
 * The programs' milestones on a past day rebuilt from the ledger, with their health
 * for the day, in kept_day_milestone's columns: what is kept, and what it is held to.
 */
export function rebuiltMilestones(
  day: IsoDate,
  programIds: readonly string[],
): RawBuilder<unknown> {
  const columns = KEPT_MILESTONES.columns.filter((c) => c !== 'health').map((c) => `m.${c}`);
  return sql`WITH ${asOfCtes({ day, fromHistory: true, maintained: false })} rebuilt AS (
      SELECT ${sql.raw(columns.join(', '))}, ${healthOn(day)} AS health
      FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id WHERE m.program_id = ANY (${programIds}::uuid[]))
    SELECT * FROM rebuilt`;
}

/**
 * `on` reading these programs' milestones (null: all) as kept for its past day, each
 * rebuilt from the ledger once (then again only when something dated on or before the
 * day is written); `on` itself for today, or a day too recent to keep. The read then
 * sees no other program's milestones: name every program it asks for.
 */
export async function keptMilestones(
  db: DataSource,
  on: ReadDay,
  programIds: readonly string[] | null,
): Promise<ReadDay> {
  if (!on.fromHistory) return on;
  const kept = await keepDay(db, 'MILESTONES', on.day, programIds, (stale) =>
    replaceKept('MILESTONES', on.day, stale, KEPT_MILESTONES, rebuiltMilestones(on.day, stale)),
  );
  return kept ? { ...on, kept } : on;
}
