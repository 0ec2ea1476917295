import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators (domain.md "Indicators", "Reporting periods"): their definitions and targets,
 * every value a node pushed with its outcome (unique per node and idempotency key, as
 * milestone_update), and each program's reporting deadline day (default 5, as the spec).
 * Generated and reviewed; down drops what up adds, values included.
 */
export class Indicators1796010287540 implements MigrationInterface {
  name = 'Indicators1796010287540';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "indicator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "measure" text NOT NULL, "owner_unit_id" uuid NOT NULL, "program_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "indicator_code_key" UNIQUE ("code"), CONSTRAINT "indicator_kind_check" CHECK ("kind" IN ('RATIO', 'COUNT')), CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "indicator_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_id" uuid NOT NULL, "value" double precision NOT NULL, "due" date NOT NULL, CONSTRAINT "indicator_target_due_key" UNIQUE ("indicator_id", "due"), CONSTRAINT "indicator_target_value_check" CHECK ("value" >= 0), CONSTRAINT "PK_9b6a07f7470f3a0f56e73b7a282" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "indicator_value" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "node_unit_id" uuid NOT NULL, "idempotency_key" text NOT NULL, "seq" integer NOT NULL, "indicator_id" uuid, "indicator_code" text NOT NULL, "unit_code" text NOT NULL, "period" text NOT NULL, "numerator" double precision NOT NULL, "denominator" double precision, "note" text, "outcome" text NOT NULL, "reason" text, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "indicator_value_node_key_key" UNIQUE ("node_unit_id", "idempotency_key"), CONSTRAINT "indicator_value_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "indicator_value_outcome_check" CHECK ("outcome" IN ('APPLIED', 'STALE', 'REJECTED')), CONSTRAINT "PK_ea77b6059a4a7f24be8e748d541" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "indicator_value_series_idx" ON "indicator_value"  ("indicator_id", "period", "unit_code", "seq") `,
    );
    await q.query(
      `ALTER TABLE "program" ADD "reporting_deadline_day" integer NOT NULL DEFAULT '5'`,
    );
    await q.query(
      `ALTER TABLE "program" ADD CONSTRAINT "program_reporting_deadline_day_check" CHECK ("reporting_deadline_day" BETWEEN 1 AND 28)`,
    );
    await q.query(
      `ALTER TABLE "indicator" ADD CONSTRAINT "indicator_owner_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "indicator" ADD CONSTRAINT "indicator_program_fk" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_indicator_fk" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_node_fk" FOREIGN KEY ("node_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_indicator_fk" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "indicator_value_indicator_fk"`);
    await q.query(`ALTER TABLE "indicator_value" DROP CONSTRAINT "indicator_value_node_fk"`);
    await q.query(`ALTER TABLE "indicator_target" DROP CONSTRAINT "indicator_target_indicator_fk"`);
    await q.query(`ALTER TABLE "indicator" DROP CONSTRAINT "indicator_program_fk"`);
    await q.query(`ALTER TABLE "indicator" DROP CONSTRAINT "indicator_owner_fk"`);
    await q.query(`ALTER TABLE "program" DROP CONSTRAINT "program_reporting_deadline_day_check"`);
    await q.query(`ALTER TABLE "program" DROP COLUMN "reporting_deadline_day"`);
    await q.query(`DROP INDEX "public"."indicator_value_series_idx"`);
    await q.query(`DROP TABLE "indicator_value"`);
    await q.query(`DROP TABLE "indicator_target"`);
    await q.query(`DROP TABLE "indicator"`);
  }
}
