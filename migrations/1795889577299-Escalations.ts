import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalations and their append-only history; a program's threshold overrides;
 * when a milestone became blocked. Generated from the entities and reviewed: the
 * partial unique index is the guarantee of one live escalation per milestone and
 * reason, whatever number of central instances evaluate at once.
 */
export class Escalations1795889577299 implements MigrationInterface {
  name = 'Escalations1795889577299';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "escalation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "milestone_id" uuid NOT NULL, "reason" text NOT NULL, "level" text NOT NULL, "state" text NOT NULL, "age_days" integer NOT NULL, "waiting_units" integer NOT NULL DEFAULT '0', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" text, "resolution" text, "note" text, CONSTRAINT "escalation_resolution_check" CHECK (("state" = 'RESOLVED') = ("resolution" IS NOT NULL)), CONSTRAINT "escalation_level_check" CHECK ("level" IN ('DEPARTMENT', 'UNIT_LEADERSHIP', 'MINISTRY', 'MINISTER', 'GOVERNMENT')), CONSTRAINT "escalation_reason_check" CHECK ("reason" IN ('OVERDUE', 'FORECAST_SLIP', 'BLOCKED', 'STALE_REPORT', 'DEPENDENCY_LATE')), CONSTRAINT "escalation_state_check" CHECK ("state" IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')), CONSTRAINT "PK_2c9a4d9277ed8620a8a72813864" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "escalation_queue_idx" ON "escalation"  ("state", "level") `);
    await q.query(
      `CREATE UNIQUE INDEX "escalation_live_key" ON "escalation"  ("milestone_id", "reason") WHERE "state" <> 'RESOLVED'`,
    );
    await q.query(
      `CREATE TABLE "escalation_event" ("id" BIGSERIAL NOT NULL, "escalation_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" text NOT NULL, "level" text NOT NULL, "actor" text NOT NULL, "note" text, CONSTRAINT "PK_be9122e8942552b3ab1d0149a7a" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "escalation_event_escalation_idx" ON "escalation_event"  ("escalation_id", "at") `,
    );
    await q.query(`ALTER TABLE "program" ADD "escalation_policy" jsonb`);
    await q.query(`ALTER TABLE "milestone" ADD "blocked_since" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "escalation" ADD CONSTRAINT "escalation_milestone_fk" FOREIGN KEY ("milestone_id") REFERENCES "milestone"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "escalation_event" ADD CONSTRAINT "escalation_event_escalation_fk" FOREIGN KEY ("escalation_id") REFERENCES "escalation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // Dropping the tables drops their indexes and foreign keys with them.
    await q.query(`DROP TABLE "escalation_event"`);
    await q.query(`DROP TABLE "escalation"`);
    await q.query(`ALTER TABLE "milestone" DROP COLUMN "blocked_since"`);
    await q.query(`ALTER TABLE "program" DROP COLUMN "escalation_policy"`);
  }
}
