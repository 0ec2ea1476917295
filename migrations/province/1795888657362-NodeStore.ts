import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A province node's store: its milestones, the outbox of reports not yet
 * acknowledged by the centre, the centre's answers, and its sync bookkeeping.
 * Generated from the entities and reviewed; the single node_state row is seeded
 * here so that taking the next seq is always an UPDATE of one locked row.
 */
export class NodeStore1795888657362 implements MigrationInterface {
  name = 'NodeStore1795888657362';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "local_milestone" (
      "program_code" text NOT NULL,
      "key" text NOT NULL,
      "title" text NOT NULL,
      "baseline_due" date NOT NULL,
      "status" text NOT NULL,
      "percent_complete" integer NOT NULL,
      "forecast_due" date,
      "completed_on" date,
      "blocker" text,
      "note" text,
      "central_version" integer NOT NULL DEFAULT '0',
      "last_outcome" text,
      "last_outcome_reason" text,
      CONSTRAINT "local_milestone_percent_check" CHECK ("percent_complete" BETWEEN 0 AND 100),
      CONSTRAINT "local_milestone_status_check" CHECK ("status" IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')),
      CONSTRAINT "PK_d276df876074dd65aab329c566c" PRIMARY KEY ("program_code", "key"))`);

    await q.query(`CREATE TABLE "outbox" (
      "seq" integer NOT NULL,
      "idempotency_key" uuid NOT NULL,
      "program_code" text NOT NULL,
      "key" text NOT NULL,
      "status" text NOT NULL,
      "percent_complete" integer NOT NULL,
      "forecast_due" date,
      "completed_on" date,
      "blocker" text,
      "note" text,
      "reported_by" text NOT NULL,
      "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "outbox_idempotency_key_key" UNIQUE ("idempotency_key"),
      CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))`);

    await q.query(`CREATE TABLE "delivery" (
      "seq" integer NOT NULL,
      "idempotency_key" uuid NOT NULL,
      "program_code" text NOT NULL,
      "key" text NOT NULL,
      "outcome" text NOT NULL,
      "reason" text,
      "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_f41fea8734c2829e701efd778f5" PRIMARY KEY ("seq"))`);

    await q.query(`CREATE TABLE "node_state" (
      "id" integer NOT NULL DEFAULT '1',
      "next_seq" integer NOT NULL DEFAULT '1',
      "highest_acked_seq" integer NOT NULL DEFAULT '0',
      "last_success_at" TIMESTAMP WITH TIME ZONE,
      "last_error" text,
      "central_reachable" boolean NOT NULL DEFAULT false,
      "clock_offset_ms" bigint NOT NULL DEFAULT '0',
      CONSTRAINT "node_state_singleton_check" CHECK ("id" = 1),
      CONSTRAINT "PK_22cbf7980d700e1ebf8cd5f7bf1" PRIMARY KEY ("id"))`);
    await q.query(`INSERT INTO "node_state" ("id") VALUES (1)`);

    await q.query(`CREATE TABLE "plan_seen" (
      "program_code" text NOT NULL,
      "version" integer NOT NULL,
      CONSTRAINT "PK_7c5e81242823a6251f4445dfb66" PRIMARY KEY ("program_code"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "plan_seen"`);
    await q.query(`DROP TABLE "node_state"`);
    await q.query(`DROP TABLE "delivery"`);
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP TABLE "local_milestone"`);
  }
}
