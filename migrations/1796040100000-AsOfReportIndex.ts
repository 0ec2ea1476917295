import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A board as of a past day reads, for every milestone, its last applied report dated
 * on or before the day (lastReport in apps/central/src/milestones/as-of.sql.ts):
 * newest seq first, skipping those dated later. On (milestone_id, seq) each report
 * skipped was a heap fetch to read its outcome and date; here the applied ones only,
 * with their date in the index, so skipping is an index-only step and one row is
 * fetched. Reversible: down drops it (the reads stay right, slower).
 */
export class AsOfReportIndex1796040100000 implements MigrationInterface {
  name = 'AsOfReportIndex1796040100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "milestone_update_applied_idx" ON "milestone_update" ("milestone_id", "seq" DESC) INCLUDE ("reported_at") WHERE "outcome" = 'APPLIED'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "milestone_update_applied_idx"`);
  }
}
