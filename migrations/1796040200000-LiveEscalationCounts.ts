import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live (not RESOLVED) escalations counted per program and level, kept as they
 * change (issue 14): the dashboard's counts read a row per program and level instead
 * of counting every live escalation (64,000 at the bench's x10 scale) on every read.
 * A statement trigger on escalation adds what each statement made live and takes away
 * what it ended, in the writing transaction; the additions are upserts in key order,
 * so concurrent writers (the engine, a leader acknowledging, a merger resolving) add up
 * without a lost update or a deadlock. Counted from the rows there when migrating.
 * `npm run verify-rollups` checks them against a recount. Reversible: down drops them.
 */
const DELTAS = (rows: string, sign: '' | '-') =>
  `SELECT m.program_id, r.level, ${sign}count(*)::int AS delta FROM ${rows} r
   JOIN milestone m ON m.id = r.milestone_id WHERE r.state <> 'RESOLVED' GROUP BY 1, 2`;

const ADD = (deltas: string) => `INSERT INTO escalation_count AS c (program_id, level, live)
  SELECT program_id, level, sum(delta)::int FROM (${deltas}) d
  GROUP BY program_id, level HAVING sum(delta) <> 0 ORDER BY program_id, level
  ON CONFLICT (program_id, level) DO UPDATE SET live = c.live + EXCLUDED.live`;

export class LiveEscalationCounts1796040200000 implements MigrationInterface {
  name = 'LiveEscalationCounts1796040200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "escalation_count" (
      "program_id" uuid NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
      "level" text NOT NULL,
      -- no CHECK (live >= 0): PostgreSQL checks the row an upsert proposes, a negative
      -- delta, before it finds the conflict that makes it an addition
      "live" integer NOT NULL,
      PRIMARY KEY ("program_id", "level"))`);
    await q.query(
      `INSERT INTO escalation_count (program_id, level, live) ${DELTAS('escalation', '')}`,
    );
    await q.query(`CREATE FUNCTION escalation_counts_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${ADD(DELTAS('added', ''))};
        ELSIF TG_OP = 'DELETE' THEN
          ${ADD(DELTAS('removed', '-'))};
        ELSE
          ${ADD(`${DELTAS('added', '')} UNION ALL ${DELTAS('removed', '-')}`)};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER escalation_counts_inserted AFTER INSERT ON escalation
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION escalation_counts_changed()`);
    await q.query(`CREATE TRIGGER escalation_counts_updated AFTER UPDATE ON escalation
      REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION escalation_counts_changed()`);
    await q.query(`CREATE TRIGGER escalation_counts_deleted AFTER DELETE ON escalation
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION escalation_counts_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const event of ['inserted', 'updated', 'deleted'])
      await q.query(`DROP TRIGGER escalation_counts_${event} ON escalation`);
    await q.query(`DROP FUNCTION escalation_counts_changed()`);
    await q.query(`DROP TABLE "escalation_count"`);
  }
}
