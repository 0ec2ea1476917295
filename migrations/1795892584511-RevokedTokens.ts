import { MigrationInterface, QueryRunner } from 'typeorm';

/** Revoked token ids, which every central instance reloads at least every half minute. Generated and reviewed. */
export class RevokedTokens1795892584511 implements MigrationInterface {
  name = 'RevokedTokens1795892584511';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "revoked_token" ("jti" text NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_by" text NOT NULL, "reason" text, CONSTRAINT "PK_51805a32c382d2841b953c16880" PRIMARY KEY ("jti"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "revoked_token"`);
  }
}
