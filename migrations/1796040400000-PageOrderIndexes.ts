import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pages read in their own order (issue 14), so a first page costs its 50 rows and
 * not every row that matches, with its total from the kept counts:
 * - the live escalation queue as a leader reads it: highest level first (levelRankSql's
 *   rank, the same expression, so PostgreSQL matches it), the oldest condition next,
 *   the id breaking ties; 64,000 live escalations at the bench's x10 scale were sorted
 *   on every read;
 * - programs by code byte-wise (the milestone page's COLLATE "C"): a page of milestones
 *   then walks the programs in order and sorts one program's matching milestones, not
 *   the whole country's (45,000 late ones at x10).
 * Reversible: down drops them.
 */
export class PageOrderIndexes1796040400000 implements MigrationInterface {
  name = 'PageOrderIndexes1796040400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "escalation_live_queue" ON "escalation" (
      (array_position(ARRAY['DEPARTMENT','UNIT_LEADERSHIP','MINISTRY','MINISTER','GOVERNMENT'], "level")) DESC,
      "age_days" DESC, "id" DESC) WHERE "state" IN ('OPEN', 'ACKNOWLEDGED')`);
    await q.query(`CREATE INDEX "program_code_order" ON "program" ("code" COLLATE "C")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "program_code_order"`);
    await q.query(`DROP INDEX "escalation_live_queue"`);
  }
}
