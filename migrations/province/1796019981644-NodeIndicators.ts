import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators on a province node (issue 13): the indicators it reports, pulled with
 * the plans; its own value per indicator and month with the centre's last answer;
 * and the values waiting for the centre. indicator_outbox takes its seqs from the
 * same node_state.next_seq as outbox: one seq space, so the two tables together are
 * the node's outbox. Generated from the entities and reviewed (laid out, commented).
 */
export class NodeIndicators1796019981644 implements MigrationInterface {
  name = 'NodeIndicators1796019981644';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "local_indicator" (
      "code" text NOT NULL,
      "name" text NOT NULL,
      "kind" text NOT NULL,
      "measure" text NOT NULL,
      CONSTRAINT "local_indicator_kind_check" CHECK ("kind" IN ('RATIO', 'COUNT')),
      CONSTRAINT "PK_f2e65756134a7fb458d87ff2cf6" PRIMARY KEY ("code"))`);

    // A value names an indicator the node knows: reportIndicator refuses any other.
    await q.query(`CREATE TABLE "local_indicator_value" (
      "indicator_code" text NOT NULL,
      "period" text NOT NULL,
      "numerator" double precision NOT NULL,
      "denominator" double precision,
      "note" text,
      "last_outcome" text,
      "last_outcome_reason" text,
      CONSTRAINT "local_indicator_value_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      CONSTRAINT "PK_a695d697616b96fecaa86c3c933" PRIMARY KEY ("indicator_code", "period"))`);
    await q.query(`ALTER TABLE "local_indicator_value" ADD CONSTRAINT "local_indicator_value_indicator_fk"
      FOREIGN KEY ("indicator_code") REFERENCES "local_indicator"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "indicator_outbox" (
      "seq" integer NOT NULL,
      "idempotency_key" uuid NOT NULL,
      "indicator_code" text NOT NULL,
      "period" text NOT NULL,
      "numerator" double precision NOT NULL,
      "denominator" double precision,
      "note" text,
      "reported_by" text NOT NULL,
      "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "indicator_outbox_idempotency_key_key" UNIQUE ("idempotency_key"),
      CONSTRAINT "PK_57ae6bca532ed1b27e657697f0b" PRIMARY KEY ("seq"))`);

    await q.query(`CREATE TABLE "indicator_delivery" (
      "seq" integer NOT NULL,
      "idempotency_key" uuid NOT NULL,
      "indicator_code" text NOT NULL,
      "period" text NOT NULL,
      "outcome" text NOT NULL,
      "reason" text,
      "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_c9484c7409c41d76c7ba65445cf" PRIMARY KEY ("seq"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "indicator_delivery"`);
    await q.query(`DROP TABLE "indicator_outbox"`);
    await q.query(`DROP TABLE "local_indicator_value"`);
    await q.query(`DROP TABLE "local_indicator"`);
  }
}
