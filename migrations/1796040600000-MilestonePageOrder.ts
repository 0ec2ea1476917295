import { MigrationInterface, QueryRunner } from 'typeorm';
import { HEALTH, REFRESH_HEALTH, refreshHealthFunction } from './1796040000000-MaintainedRollups';

/**
 * A page of milestones by health in its own order (issue 14): milestone_health keeps,
 * beside each milestone's health, the three codes the page sorts by (program code,
 * item key, unit code, byte-wise as the page's COLLATE "C"), and one index on
 * (health, those, id). The first page of the late milestones then reads its 50 rows
 * off the index, whatever the number of late milestones (45,000 at the bench's x10
 * scale, sorted one program at a time before). Codes and keys never change on a
 * milestone's row (a merger makes new units and milestones), so they are written when
 * the row is and refreshed with its health; `npm run verify-rollups` checks them.
 * Reversible: down restores the function, the health index and the table as they were.
 */
const ORDER_COLUMNS = ['program_code', 'item_key', 'unit_code'];

const KEPT = ['health', ...ORDER_COLUMNS];
const of = (alias: string) => KEPT.map((c) => `${alias}.${c}`).join(', ');

/** rollup_refresh_health writing the page's codes with the health. */
const REFRESH_HEALTH_AND_ORDER = refreshHealthFunction(
  (where) => `INSERT INTO milestone_health AS h (milestone_id, ${KEPT.join(', ')})
          SELECT m.id, ${HEALTH}, p.code, pi.key, u.code FROM milestone m
          JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
          JOIN unit u ON u.id = m.unit_id ${where}
          ON CONFLICT (milestone_id) DO UPDATE SET ${KEPT.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
          WHERE (${of('h')}) IS DISTINCT FROM (${of('EXCLUDED')})`,
);

export class MilestonePageOrder1796040600000 implements MigrationInterface {
  name = 'MilestonePageOrder1796040600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "milestone_health" ${ORDER_COLUMNS.map((c) => `ADD COLUMN "${c}" text COLLATE "C"`).join(', ')}`,
    );
    await q.query(`UPDATE "milestone_health" h SET program_code = p.code, item_key = pi.key, unit_code = u.code
      FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
      JOIN unit u ON u.id = m.unit_id WHERE m.id = h.milestone_id`);
    await q.query(
      `ALTER TABLE "milestone_health" ${ORDER_COLUMNS.map((c) => `ALTER COLUMN "${c}" SET NOT NULL`).join(', ')}`,
    );
    await q.query(`DROP INDEX "milestone_health_health"`);
    await q.query(`CREATE INDEX "milestone_health_page" ON "milestone_health"
      ("health", "program_code", "item_key", "unit_code", "milestone_id")`);
    await q.query(REFRESH_HEALTH_AND_ORDER);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(REFRESH_HEALTH);
    await q.query(`DROP INDEX "milestone_health_page"`);
    await q.query(`CREATE INDEX "milestone_health_health" ON "milestone_health" ("health")`);
    await q.query(
      `ALTER TABLE "milestone_health" ${ORDER_COLUMNS.map((c) => `DROP COLUMN "${c}"`).join(', ')}`,
    );
  }
}
