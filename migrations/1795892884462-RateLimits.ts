import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-caller request counts by minute, shared by every central instance. Generated and reviewed. */
export class RateLimits1795892884462 implements MigrationInterface {
  name = 'RateLimits1795892884462';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "rate_window" ("caller" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_71909ab5806607d63ead4d0214f" PRIMARY KEY ("caller", "window_start"))`,
    );
    await q.query(`CREATE INDEX "rate_window_start_idx" ON "rate_window"  ("window_start") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "rate_window"`);
  }
}
