import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CELL_COLUMNS,
  cellSums,
  REFRESH_CELLS,
  refreshCellsFunction,
} from './1796040000000-MaintainedRollups';

/**
 * rollup_refresh_cells writes a cell only where its sums changed (issue 14): an upsert
 * that leaves equal rows alone, and a delete of the cells in scope that no longer have
 * a milestone (a unit ended, its items cancelled). It deleted and re-inserted every
 * cell in scope: a push left a dead row per cell it touched, a day's move or a plan
 * republish one per cell of the program, and the table read by every page total and
 * every dashboard grew to six times its live rows between autovacuums at x10 (12,070
 * live cells, 74,000 estimated). An update of sums is HOT (no indexed column changes).
 * The same callers, under the same locks. Reversible: down restores the function.
 */
const SUMS = CELL_COLUMNS.split(', ').slice(2);
const list = (alias: string) => SUMS.map((c) => `${alias}.${c}`).join(', ');

/** The cells whose milestones meet `milestones`, written where changed; those of `cells` left empty, deleted. */
function rewriteCells(milestones: string, cells: string): string {
  return `WITH fresh (${CELL_COLUMNS}) AS (${cellSums(milestones)}),
          written AS (INSERT INTO rollup_cell AS c (${CELL_COLUMNS}) SELECT * FROM fresh
            ON CONFLICT (program_id, unit_id) DO UPDATE SET ${SUMS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
            WHERE (${list('c')}) IS DISTINCT FROM (${list('EXCLUDED')}))
          DELETE FROM rollup_cell c WHERE ${cells}
            AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.program_id = c.program_id AND f.unit_id = c.unit_id)`;
}

const UPSERT_CELLS = refreshCellsFunction(rewriteCells);

export class RollupCellUpserts1796040800000 implements MigrationInterface {
  name = 'RollupCellUpserts1796040800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(UPSERT_CELLS);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(REFRESH_CELLS);
  }
}
