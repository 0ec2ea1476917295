import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sync ledger: every pushed update with its outcome (the milestones' history)
 * and one row per reporting node. Generated from the entities and reviewed; the
 * unique (node, idempotency key) is the guarantee against applying a report twice.
 */
export class SyncLedger1795888042302 implements MigrationInterface {
  name = 'SyncLedger1795888042302';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "milestone_update" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "node_unit_id" uuid NOT NULL,
      "idempotency_key" text NOT NULL,
      "seq" integer NOT NULL,
      "milestone_id" uuid,
      "program_code" text NOT NULL,
      "key" text NOT NULL,
      "unit_code" text NOT NULL,
      "outcome" text NOT NULL,
      "reason" text,
      "status" text NOT NULL,
      "percent_complete" integer NOT NULL,
      "forecast_due" date,
      "completed_on" date,
      "blocker" text,
      "note" text,
      "reported_by" text NOT NULL,
      "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "milestone_update_node_key_key" UNIQUE ("node_unit_id", "idempotency_key"),
      CONSTRAINT "milestone_update_outcome_check" CHECK ("outcome" IN ('APPLIED', 'STALE', 'REJECTED')),
      CONSTRAINT "PK_c7b8e65c3e3fe9478881a8faa10" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "milestone_update_milestone_idx" ON "milestone_update" ("milestone_id", "seq")`,
    );

    await q.query(`CREATE TABLE "node_sync" (
      "unit_id" uuid NOT NULL,
      "highest_seq" integer NOT NULL DEFAULT '0',
      "applied_count" integer NOT NULL DEFAULT '0',
      "rejected_count" integer NOT NULL DEFAULT '0',
      "last_sync_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "node_sync_counts_check" CHECK ("highest_seq" >= 0 AND "applied_count" >= 0 AND "rejected_count" >= 0),
      CONSTRAINT "PK_48c7158c8c4a7e7d6254b6e2773" PRIMARY KEY ("unit_id"))`);

    await q.query(
      `ALTER TABLE "milestone_update" ADD CONSTRAINT "milestone_update_node_fk" FOREIGN KEY ("node_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "milestone_update" ADD CONSTRAINT "milestone_update_milestone_fk" FOREIGN KEY ("milestone_id") REFERENCES "milestone"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "node_sync" ADD CONSTRAINT "node_sync_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "node_sync"`);
    await q.query(`DROP TABLE "milestone_update"`);
  }
}
