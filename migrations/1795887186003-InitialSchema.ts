import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units, programs, plans and milestones. Generated from the entities, then read
 * and corrected by hand: btree_gist is added for the unit code exclusion, and the
 * statements are laid out to be reviewed.
 */
export class InitialSchema1795887186003 implements MigrationInterface {
  name = 'InitialSchema1795887186003';

  public async up(q: QueryRunner): Promise<void> {
    // A unit's code is unique per day, not forever: an exclusion over its validity
    // range needs gist support for plain equality on text.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`CREATE TABLE "unit" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code" text NOT NULL,
      "name" text NOT NULL,
      "name_folded" text NOT NULL,
      "kind" text NOT NULL,
      "region" text,
      "valid_from" date,
      "valid_to" date,
      "successor_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "unit_validity_check" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_from" <= "valid_to"),
      CONSTRAINT "unit_kind_check" CHECK ("kind" IN ('CENTRAL_AGENCY', 'PROVINCE')),
      CONSTRAINT "unit_code_per_day_excl" EXCLUDE USING gist ("code" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&),
      CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "unit_name_folded_idx" ON "unit" ("name_folded")`);

    await q.query(`CREATE TABLE "program" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code" text NOT NULL,
      "name" text NOT NULL,
      "owner_unit_id" uuid NOT NULL,
      "model" text NOT NULL,
      "target_date" date,
      "plan_version" integer NOT NULL DEFAULT '0',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "program_code_key" UNIQUE ("code"),
      CONSTRAINT "program_plan_version_check" CHECK ("plan_version" >= 0),
      CONSTRAINT "program_model_check" CHECK ("model" IN ('CENTRALIZED', 'FEDERATED')),
      CONSTRAINT "PK_3bade5945afbafefdd26a3a29fb" PRIMARY KEY ("id"))`);

    await q.query(`CREATE TABLE "plan_item" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "program_id" uuid NOT NULL,
      "key" text NOT NULL,
      "title" text NOT NULL,
      "title_folded" text NOT NULL,
      "scope" text NOT NULL,
      "baseline_due" date NOT NULL,
      "weight" double precision NOT NULL DEFAULT '1',
      "depends_on" text array NOT NULL DEFAULT '{}',
      "position" integer NOT NULL,
      "added_in_version" integer NOT NULL,
      "removed_in_version" integer,
      CONSTRAINT "plan_item_program_key_key" UNIQUE ("program_id", "key"),
      CONSTRAINT "plan_item_weight_check" CHECK ("weight" > 0),
      CONSTRAINT "plan_item_scope_check" CHECK ("scope" IN ('CENTRAL', 'PROVINCE')),
      CONSTRAINT "PK_fbd65c4526b9af914f7ab1e9a3c" PRIMARY KEY ("id"))`);

    await q.query(`CREATE TABLE "milestone" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "program_id" uuid NOT NULL,
      "plan_item_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "status" text NOT NULL DEFAULT 'NOT_STARTED',
      "status_before_cancel" text,
      "percent_complete" integer NOT NULL DEFAULT '0',
      "forecast_due" date,
      "completed_on" date,
      "blocker" text,
      "note" text,
      "version" integer NOT NULL DEFAULT '0',
      "last_reported_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "milestone_item_unit_key" UNIQUE ("plan_item_id", "unit_id"),
      CONSTRAINT "milestone_version_check" CHECK ("version" >= 0),
      CONSTRAINT "milestone_done_check" CHECK ("status" <> 'DONE' OR ("percent_complete" = 100 AND "completed_on" IS NOT NULL)),
      CONSTRAINT "milestone_percent_check" CHECK ("percent_complete" BETWEEN 0 AND 100),
      CONSTRAINT "milestone_status_check" CHECK ("status" IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')),
      CONSTRAINT "PK_f8372abce331f60ba7b33fe23a7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "milestone_unit_idx" ON "milestone" ("unit_id")`);
    await q.query(`CREATE INDEX "milestone_program_idx" ON "milestone" ("program_id")`);

    await q.query(`CREATE TABLE "plan_version" (
      "program_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "items" jsonb NOT NULL,
      "published_by" text NOT NULL,
      "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_b48334109248f1aa72174097fc9" PRIMARY KEY ("program_id", "version"))`);

    await q.query(
      `ALTER TABLE "unit" ADD CONSTRAINT "unit_successor_fk" FOREIGN KEY ("successor_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "program" ADD CONSTRAINT "program_owner_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "plan_item" ADD CONSTRAINT "plan_item_program_fk" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "milestone" ADD CONSTRAINT "milestone_program_fk" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "milestone" ADD CONSTRAINT "milestone_plan_item_fk" FOREIGN KEY ("plan_item_id") REFERENCES "plan_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "milestone" ADD CONSTRAINT "milestone_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_program_fk" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // Dropping the tables drops their constraints and indexes with them.
    await q.query(`DROP TABLE "plan_version"`);
    await q.query(`DROP TABLE "milestone"`);
    await q.query(`DROP TABLE "plan_item"`);
    await q.query(`DROP TABLE "program"`);
    await q.query(`DROP TABLE "unit"`);
    // btree_gist stays: another schema on the same server may use it.
  }
}
