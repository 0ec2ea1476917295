import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsoDate, NO_MILESTONES, ProgressSums } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { healthSql } from '../milestones/health.sql';

/** The sums of one program's milestones in one unit. */
export interface RollupCell extends ProgressSums {
  programId: string;
  unitId: string;
}

export interface RollupTotals {
  byProgram: Map<string, ProgressSums>;
  /** Across the programs asked for. */
  byUnit: Map<string, ProgressSums>;
}

/**
 * domain.md's per-milestone roll-up rules (sumFacts in the domain library) as SQL
 * aggregates, health as healthSql computes it for the date bound at $1, over
 * the programs bound at $2, grouped by `groupBy`. rollup-sql.e2e-spec.ts holds
 * the two to the same answers. Summed in the database, a roll-up sends one row
 * per group instead of one per milestone. Health is computed once per milestone
 * (MATERIALIZED): inlined, PostgreSQL would evaluate it again in every FILTER.
 */
function sumsSql(groupBy: string): string {
  const health = (h: string) => `count(*) FILTER (WHERE health = '${h}')::int`;
  return `WITH f AS MATERIALIZED (
      SELECT m.program_id, m.unit_id, m.status, m.percent_complete, m.completed_on, pi.weight,
             pi.baseline_due, pi.baseline_due < $1::date AS due, ${healthSql('$1')} AS health
      FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
      WHERE m.program_id = ANY ($2::uuid[]) AND m.status <> 'CANCELLED')
    SELECT program_id AS "programId", unit_id AS "unitId", count(*)::int AS total,
      sum(weight * CASE WHEN status = 'DONE' THEN 100 ELSE percent_complete END) AS weighted,
      sum(weight) AS weights,
      ${health('DONE')} AS done, ${health('LATE')} AS late, ${health('BLOCKED')} AS blocked,
      ${health('AT_RISK')} AS "atRisk", ${health('ON_TRACK')} AS "onTrack",
      count(*) FILTER (WHERE due)::int AS due,
      count(*) FILTER (WHERE due AND status = 'DONE' AND completed_on <= baseline_due)::int AS "onTime"
    FROM f GROUP BY ${groupBy}`;
}

function sumsOf(row: ProgressSums): ProgressSums {
  const sums = { ...NO_MILESTONES };
  for (const k of Object.keys(sums) as (keyof ProgressSums)[]) sums[k] = Number(row[k]);
  return sums;
}

@Injectable()
export class RollupSumsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One cell per (program, unit) that has counted milestones: boards and program totals. */
  async cells(programIds: readonly string[], today: IsoDate): Promise<RollupCell[]> {
    const rows: RollupCell[] = await this.db.query(sumsSql('program_id, unit_id'), [
      today,
      programIds,
    ]);
    return rows.map((r) => ({ programId: r.programId, unitId: r.unitId, ...sumsOf(r) }));
  }

  /** Each program's totals and each unit's across them: the national picture in one pass. */
  async totals(programIds: readonly string[], today: IsoDate): Promise<RollupTotals> {
    const rows: (ProgressSums & { programId: string | null; unitId: string | null })[] =
      await this.db.query(sumsSql('GROUPING SETS ((program_id), (unit_id))'), [today, programIds]);
    const totals: RollupTotals = { byProgram: new Map(), byUnit: new Map() };
    for (const r of rows) {
      if (r.programId) totals.byProgram.set(r.programId, sumsOf(r));
      else if (r.unitId) totals.byUnit.set(r.unitId, sumsOf(r));
    }
    return totals;
  }
}
