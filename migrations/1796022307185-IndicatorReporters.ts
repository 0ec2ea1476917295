import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who reports an indicator (domain.md "Indicators"): PROVINCES, each its value monthly (the
 * national figure rolls theirs up), or OWNER, the owner agency the national value itself.
 * Every indicator defined so far was the provinces' (the only rule there was), so the
 * default keeps them so. Generated and reviewed; down drops the column, and with it which
 * indicators were national (their values stay, as the agency's).
 */
export class IndicatorReporters1796022307185 implements MigrationInterface {
  name = 'IndicatorReporters1796022307185';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "indicator" ADD "reported_by" text NOT NULL DEFAULT 'PROVINCES'`);
    await q.query(
      `ALTER TABLE "indicator" ADD CONSTRAINT "indicator_reported_by_check" CHECK ("reported_by" IN ('PROVINCES', 'OWNER'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "indicator" DROP CONSTRAINT "indicator_reported_by_check"`);
    await q.query(`ALTER TABLE "indicator" DROP COLUMN "reported_by"`);
  }
}
