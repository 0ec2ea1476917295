import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Health, IsoDate, NO_MILESTONES, ProgressSums } from '@tracker/domain';
import { rows } from '@tracker/persistence';
import { RawBuilder, sql } from 'kysely';
import { DataSource } from 'typeorm';
import { asOfCtes, ReadDay } from '../milestones/as-of.sql';
import { keepDay, KeptTable, replaceKept } from '../milestones/kept-days';
import { healthOn } from '../milestones/health.sql';
import { unitExistsOn } from '../units/units.repository';

/** The sums of one program's milestones in one unit. */
export interface RollupCell extends ProgressSums {
  programId: string;
  unitId: string;
}

/** Per cell, or per program and per unit in one pass. */
type Grouping = 'program_id, unit_id' | 'GROUPING SETS ((program_id), (unit_id))';

export interface RollupTotals {
  byProgram: Map<string, ProgressSums>;
  /** Across the programs asked for. */
  byUnit: Map<string, ProgressSums>;
}

/**
 * domain.md's per-milestone roll-up rules (sumFacts in the domain library) as SQL
 * aggregates, health as healthSql computes it for `today`, over the programs
 * `programIds`, grouped by `groupBy` (GROUPING SETS included: a sql template,
 * which Kysely binds but does not build). rollup-sql.e2e-spec.ts holds
 * the two to the same answers. Summed in the database, a roll-up sends one row
 * per group instead of one per milestone. Health is computed once per milestone
 * (MATERIALIZED): inlined, PostgreSQL would evaluate it again in every FILTER.
 * Only milestones of units that exist on the day count (a merged unit's are
 * carried on by its successor's: counted once), and a past day reads the
 * milestones and plan as they stood (asOfCtes).
 */
function sums<Row>(programIds: readonly string[], on: ReadDay, groupBy: Grouping): RawBuilder<Row> {
  const health = (h: Health) => sql`count(*) FILTER (WHERE health = ${sql.lit(h)})::int`;
  const today = on.day;
  return sql<Row>`WITH ${asOfCtes(on)} f AS MATERIALIZED (
      SELECT m.program_id, m.unit_id, m.status, m.percent_complete, m.completed_on, pi.weight,
             pi.baseline_due, pi.baseline_due < ${today}::date AS due, ${healthOn(today)} AS health
      FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN unit u ON u.id = m.unit_id
      WHERE m.program_id = ANY (${programIds}::uuid[]) AND m.status <> 'CANCELLED' AND ${unitExistsOn(today)})
    SELECT program_id AS "programId", unit_id AS "unitId", count(*)::int AS total,
      sum(weight * CASE WHEN status = 'DONE' THEN 100 ELSE percent_complete END) AS weighted,
      sum(weight) AS weights,
      ${health(Health.DONE)} AS done, ${health(Health.LATE)} AS late, ${health(Health.BLOCKED)} AS blocked,
      ${health(Health.AT_RISK)} AS "atRisk", ${health(Health.ON_TRACK)} AS "onTrack",
      count(*) FILTER (WHERE due)::int AS due,
      count(*) FILTER (WHERE due AND status = 'DONE' AND completed_on <= baseline_due)::int AS "onTime"
    FROM f GROUP BY ${sql.raw(groupBy)}`;
}

/**
 * The same sums read from cells already summed: rollup_cell, as the triggers maintain
 * them for the day the roll-ups hold, or a past day's kept cells; one row per
 * (program, unit), summed again for GROUPING SETS.
 */
function storedSums<Row>(
  programIds: readonly string[],
  groupBy: Grouping,
  cells: RawBuilder<unknown>,
): RawBuilder<Row> {
  return sql<Row>`SELECT program_id AS "programId", unit_id AS "unitId", sum(total)::int AS total,
      sum(weighted) AS weighted, sum(weights) AS weights, sum(done)::int AS done, sum(late)::int AS late,
      sum(blocked)::int AS blocked, sum(at_risk)::int AS "atRisk", sum(on_track)::int AS "onTrack",
      sum(due)::int AS due, sum(on_time)::int AS "onTime"
    FROM ${cells} c WHERE program_id = ANY (${programIds}::uuid[]) GROUP BY ${sql.raw(groupBy)}`;
}

const KEPT_CELLS: KeptTable = {
  name: 'kept_day_cell',
  columns:
    'program_id unit_id total weighted weights done late blocked at_risk on_track due on_time'.split(
      ' ',
    ),
  key: ['program_id', 'unit_id'],
};

/** A past day's kept cells, for storedSums. */
const keptCells = (day: IsoDate) => sql`(SELECT * FROM kept_day_cell WHERE day = ${day}::date)`;

function sumsOf(row: ProgressSums): ProgressSums {
  const sums = { ...NO_MILESTONES };
  for (const k of Object.keys(sums) as (keyof ProgressSums)[]) sums[k] = Number(row[k]);
  return sums;
}

function cellsOf(cells: RollupCell[]): RollupCell[] {
  return cells.map((r) => ({ programId: r.programId, unitId: r.unitId, ...sumsOf(r) }));
}

@Injectable()
export class RollupSumsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One cell per (program, unit) that has counted milestones: boards and program totals. */
  async cells(programIds: readonly string[], on: ReadDay): Promise<RollupCell[]> {
    return cellsOf(await this.sumsFor<RollupCell>(programIds, on, 'program_id, unit_id'));
  }

  /** The cells as computed from the milestones, whatever is kept: the cross-check's reference. */
  async recomputed(programIds: readonly string[], on: ReadDay): Promise<RollupCell[]> {
    return cellsOf(await rows(this.db, sums<RollupCell>(programIds, on, 'program_id, unit_id')));
  }

  /** A past day's kept cells as they are, current or not: the cross-check's other side. */
  async kept(programIds: readonly string[], day: IsoDate): Promise<RollupCell[]> {
    return cellsOf(
      await rows(
        this.db,
        storedSums<RollupCell>(programIds, 'program_id, unit_id', keptCells(day)),
      ),
    );
  }

  /** Each program's totals and each unit's across them: the national picture in one pass. */
  async totals(programIds: readonly string[], on: ReadDay): Promise<RollupTotals> {
    const groups = await this.sumsFor<
      ProgressSums & { programId: string | null; unitId: string | null }
    >(programIds, on, 'GROUPING SETS ((program_id), (unit_id))');
    const totals: RollupTotals = { byProgram: new Map(), byUnit: new Map() };
    for (const r of groups) {
      if (r.programId) totals.byProgram.set(r.programId, sumsOf(r));
      else if (r.unitId) totals.byUnit.set(r.unitId, sumsOf(r));
    }
    return totals;
  }

  /**
   * Today's from the maintained cells; a past day's from its kept cells (computed once,
   * again only after something dated on or before it was written); yesterday's, and any
   * day the roll-ups do not hold, computed from the milestones.
   */
  private async sumsFor<Row>(
    programIds: readonly string[],
    on: ReadDay,
    groupBy: Grouping,
  ): Promise<Row[]> {
    if (on.maintained) return rows(this.db, storedSums<Row>(programIds, groupBy, sql`rollup_cell`));
    const kept =
      on.fromHistory &&
      (await keepDay(this.db, 'CELLS', on.day, programIds, (stale) =>
        replaceKept('CELLS', on.day, stale, KEPT_CELLS, sums(stale, on, 'program_id, unit_id')),
      ));
    if (!kept) return rows(this.db, sums<Row>(programIds, on, groupBy));
    return rows(this.db, storedSums<Row>(programIds, groupBy, keptCells(on.day)));
  }
}
