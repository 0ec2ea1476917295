import { IsoDate } from '@tracker/domain';
import { one, run } from '@tracker/persistence';
import { RawBuilder, sql } from 'kysely';
import { DataSource } from 'typeorm';

/** What a past day keeps per program (migration KeptPastDays): roll-up cells, live escalations. */
export type KeptKind = 'CELLS' | 'ESCALATIONS';

/** A kept table's rows for (day, program): its key after the program, its other columns. */
export interface KeptTable {
  name: 'kept_day_cell' | 'kept_day_escalation';
  key: string[];
  values: string[];
}

/**
 * A kept day (alias k) still current: no change from or before its day by a transaction
 * its computing statement did not see.
 */
export const CURRENT = sql`NOT EXISTS (SELECT 1 FROM history_change c
  WHERE c.program_id = k.program_id AND c.from_day <= k.day
    AND NOT pg_visible_in_snapshot(c.xid::text::xid8, k.computed_under::pg_snapshot))`;

/**
 * Makes every program of `programIds` (null: all) hold a current kept `kind` for `day`,
 * computing those missing or stale with `store(stale)`, and answers whether the day can
 * be kept at all: only days before history_horizon() (two days gone). Computations of one day and kind
 * take turns (an advisory lock): two would write the same rows twice. A change that
 * commits while one computes is not seen by it and so leaves the day stale, to be
 * computed again by the next read: never a day kept with it missing.
 */
export async function keepDay(
  db: DataSource,
  kind: KeptKind,
  day: IsoDate,
  programIds: readonly string[] | null,
  store: (stale: string[]) => RawBuilder<unknown>,
): Promise<boolean> {
  const programs = programIds ? sql`${programIds}::uuid[]` : sql`ARRAY(SELECT id FROM program)`;
  const state = await one(
    db,
    sql<{ keepable: boolean; stale: string[] }>`SELECT ${day}::date < history_horizon() AS keepable,
      ARRAY(SELECT p FROM unnest(${programs}) p WHERE NOT EXISTS (
        SELECT 1 FROM kept_day k WHERE k.kind = ${kind} AND k.day = ${day}::date AND k.program_id = p
          AND ${CURRENT}))::text[] AS stale`,
  );
  if (!state?.keepable) return false;
  if (state.stale.length > 0)
    await db.transaction(async (tx) => {
      await run(
        tx,
        sql`SELECT pg_advisory_xact_lock(8612, hashtext(${kind}::text || ${day}::text))`,
      );
      await run(tx, store(state.stale));
    });
  return true;
}

/**
 * One statement that replaces the kept rows of (day, programs) in `table` with `fresh`
 * (its columns: program_id, then the table's key and values, in order) and stamps the
 * programs' kept_day with this very statement's snapshot: what it computed from.
 */
export function replaceKept(
  kind: KeptKind,
  day: IsoDate,
  programIds: readonly string[],
  table: KeptTable,
  fresh: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const columns = ['program_id', ...table.key, ...table.values];
  const keyed = ['program_id', ...table.key];
  const list = sql.raw(columns.join(', '));
  return sql`WITH fresh (${list}) AS (${fresh}),
    stamped AS (INSERT INTO kept_day AS k (kind, day, program_id, computed_under)
      SELECT ${kind}, ${day}::date, p, pg_current_snapshot()::text FROM unnest(${programIds}::uuid[]) p
      ON CONFLICT (kind, day, program_id)
        DO UPDATE SET computed_under = EXCLUDED.computed_under, computed_at = now()),
    written AS (INSERT INTO ${sql.table(table.name)} (day, ${list}) SELECT ${day}::date, * FROM fresh
      ON CONFLICT (day, ${sql.raw(keyed.join(', '))})
        DO UPDATE SET ${sql.raw(table.values.map((c) => `${c} = EXCLUDED.${c}`).join(', '))})
    DELETE FROM ${sql.table(table.name)} c WHERE c.day = ${day}::date AND c.program_id = ANY (${programIds}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE ${sql.raw(keyed.map((k) => `f.${k} = c.${k}`).join(' AND '))})`;
}
