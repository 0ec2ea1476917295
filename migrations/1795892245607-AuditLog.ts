import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log. The table is generated from its entity; the trigger
 * is hand-written: the database itself refuses to change or delete an entry,
 * whatever the application does. (TRUNCATE, an owner's operation, is left to
 * the database administrator.)
 */
export class AuditLog1795892245607 implements MigrationInterface {
  name = 'AuditLog1795892245607';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "role" text NOT NULL, "action" text NOT NULL, "subject" text NOT NULL, "detail" jsonb NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_log_action_idx" ON "audit_log" ("action", "id")`);
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
