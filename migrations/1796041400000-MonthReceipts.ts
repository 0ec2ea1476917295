import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A milestone's reports by the day they are dated, with when each arrived and what
 * became of it (issue 14): reporting completeness asks, per owed milestone, for the
 * first counted report dated within the month, and through (milestone_id, seq) it read
 * every report the milestone ever had (127 each on average in the bench's national
 * history) to find the month's. Now a range of the month's, read from the index alone.
 * INCLUDE is not TypeORM's to declare (the entity names it, synchronize: false).
 * Reversible: down drops it.
 */
export class MonthReceipts1796041400000 implements MigrationInterface {
  name = 'MonthReceipts1796041400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "milestone_update_reported_idx" ON "milestone_update"
      ("milestone_id", "reported_at") INCLUDE ("received_at", "outcome")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "milestone_update_reported_idx"`);
  }
}
