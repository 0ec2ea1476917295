import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 2025 reorganisation: a record of each merger map applied (or dry-run), and each
 * merged unit's milestone pointing at the new unit's that carries it on. Generated and reviewed.
 */
export class Reorganisation1796007298807 implements MigrationInterface {
  name = 'Reorganisation1796007298807';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reorganisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "effective_on" date NOT NULL, "dry_run" boolean NOT NULL, "map_key" text NOT NULL, "note" text, "mergers" jsonb NOT NULL, "ended_unit_ids" uuid array NOT NULL, "new_units" jsonb NOT NULL, "milestones_carried" integer NOT NULL, "escalations_resolved" integer NOT NULL, "programs_transferred" integer NOT NULL, "applied_by" text NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "reorganisation_counts_check" CHECK ("milestones_carried" >= 0 AND "escalations_resolved" >= 0 AND "programs_transferred" >= 0), CONSTRAINT "PK_83eb2d0adcde33c62e242949f50" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "reorganisation_map_once" ON "reorganisation"  ("map_key") WHERE "dry_run" = false`,
    );
    await q.query(`ALTER TABLE "milestone" ADD "successor_id" uuid`);
    await q.query(
      `CREATE INDEX "milestone_successor_idx" ON "milestone"  ("successor_id") WHERE "successor_id" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "milestone" ADD CONSTRAINT "milestone_successor_fk" FOREIGN KEY ("successor_id") REFERENCES "milestone"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "milestone" DROP CONSTRAINT "milestone_successor_fk"`);
    await q.query(`DROP INDEX "public"."milestone_successor_idx"`);
    await q.query(`ALTER TABLE "milestone" DROP COLUMN "successor_id"`);
    await q.query(`DROP INDEX "public"."reorganisation_map_once"`);
    await q.query(`DROP TABLE "reorganisation"`);
  }
}
