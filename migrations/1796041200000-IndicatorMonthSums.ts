import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each indicator's national month (issue 14): its reporters' latest applied values
 * of the month added up, kept as values land. The indicator dashboard read every value
 * ever pushed (every month, every correction) to add up each month on every read, a
 * cost that grew with history; it now reads one row a month.
 *
 * Reporters as indicatorReporters (indicators.repository.ts) has them: every PROVINCE
 * unit for an indicator the provinces report, its owner for one its owner reports.
 * A month is recomputed whole (its values are one row per reporter and correction,
 * read through indicator_value_series_idx), by statement triggers on indicator_value
 * (whoever writes: a push, the demo's or the bench's SQL, an operator) and on what
 * decides who reports (an indicator's reporter rule or owner, a unit's kind). Every
 * province pushes the same month at the month's end: two writers of one month take
 * turns (an advisory lock per indicator and month, taken in key order), and each
 * recomputes in a statement after its lock, so it sees what the one it waited for
 * committed. `npm run verify-rollups` holds the rows to the computation the read used
 * before (IndicatorsRepository.computedMonthSums). Reversible: down drops them.
 */
const REPORTED_BY = `((i.reported_by = 'PROVINCES' AND u.kind = 'PROVINCE')
  OR (i.reported_by = 'OWNER' AND u.id = i.owner_unit_id))`;

export class IndicatorMonthSums1796041200000 implements MigrationInterface {
  name = 'IndicatorMonthSums1796041200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "indicator_month" (
      "indicator_id" uuid NOT NULL REFERENCES "indicator" ("id") ON DELETE CASCADE,
      "period" text NOT NULL,
      "numerator" double precision NOT NULL,
      "denominator" double precision,
      "reporting_units" integer NOT NULL,
      PRIMARY KEY ("indicator_id", "period"))`);
    // Recomputes the months named (indicator ids[i], periods[i]).
    await q.query(`CREATE FUNCTION indicator_month_refresh(ids uuid[], periods text[]) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(8614, hashtext(t.id::text || t.period))
          FROM (SELECT DISTINCT id, period FROM unnest(ids, periods) AS t(id, period) ORDER BY 1, 2) t;
        WITH touched AS (SELECT DISTINCT id, period FROM unnest(ids, periods) AS t(id, period)),
        latest AS (
          SELECT DISTINCT ON (v.indicator_id, v.period, v.node_unit_id)
            v.indicator_id, v.period, v.numerator, v.denominator
          FROM touched t JOIN indicator_value v ON v.indicator_id = t.id AND v.period = t.period
          JOIN indicator i ON i.id = v.indicator_id JOIN unit u ON u.id = v.node_unit_id
          WHERE v.outcome = 'APPLIED' AND ${REPORTED_BY}
          ORDER BY v.indicator_id, v.period, v.node_unit_id, v.seq DESC),
        fresh AS (
          SELECT indicator_id, period, sum(numerator) AS numerator, sum(denominator) AS denominator,
            count(*)::int AS reporting_units
          FROM latest GROUP BY indicator_id, period),
        written AS (
          INSERT INTO indicator_month AS m (indicator_id, period, numerator, denominator, reporting_units)
          SELECT * FROM fresh ORDER BY indicator_id, period
          ON CONFLICT (indicator_id, period) DO UPDATE SET numerator = EXCLUDED.numerator,
            denominator = EXCLUDED.denominator, reporting_units = EXCLUDED.reporting_units
          WHERE (m.numerator, m.denominator, m.reporting_units)
            IS DISTINCT FROM (EXCLUDED.numerator, EXCLUDED.denominator, EXCLUDED.reporting_units))
        DELETE FROM indicator_month m USING touched t
          WHERE m.indicator_id = t.id AND m.period = t.period
            AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.indicator_id = t.id AND f.period = t.period);
      END $$`);
    await q.query(`CREATE FUNCTION indicator_month_values_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE ids uuid[]; periods text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(indicator_id), array_agg(period) INTO ids, periods
            FROM (SELECT DISTINCT indicator_id, period FROM added WHERE indicator_id IS NOT NULL) x;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(indicator_id), array_agg(period) INTO ids, periods
            FROM (SELECT DISTINCT indicator_id, period FROM removed WHERE indicator_id IS NOT NULL) x;
        ELSE
          SELECT array_agg(indicator_id), array_agg(period) INTO ids, periods FROM (
            SELECT indicator_id, period FROM added WHERE indicator_id IS NOT NULL
            UNION SELECT indicator_id, period FROM removed WHERE indicator_id IS NOT NULL) x;
        END IF;
        IF ids IS NOT NULL THEN PERFORM indicator_month_refresh(ids, periods); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER indicator_month_inserted AFTER INSERT ON indicator_value
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION indicator_month_values_changed()`);
    await q.query(`CREATE TRIGGER indicator_month_updated AFTER UPDATE ON indicator_value
      REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION indicator_month_values_changed()`);
    await q.query(`CREATE TRIGGER indicator_month_deleted AFTER DELETE ON indicator_value
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION indicator_month_values_changed()`);
    // Who reports an indicator changed (its rule, its owner; a unit's kind): every month
    // it holds values for. Row triggers with a WHEN: PostgreSQL gives column-filtered
    // triggers no transition tables, and these columns change rarely.
    await q.query(`CREATE FUNCTION indicator_month_reporters_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE ids uuid[]; periods text[];
      BEGIN
        SELECT array_agg(indicator_id), array_agg(period) INTO ids, periods
          FROM (SELECT DISTINCT indicator_id, period FROM indicator_value
                WHERE indicator_id IS NOT NULL
                  AND CASE TG_TABLE_NAME WHEN 'indicator' THEN indicator_id = NEW.id
                    ELSE node_unit_id = NEW.id END) x;
        IF ids IS NOT NULL THEN PERFORM indicator_month_refresh(ids, periods); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER indicator_month_reporters AFTER UPDATE OF reported_by, owner_unit_id
      ON indicator FOR EACH ROW
      WHEN (OLD.reported_by IS DISTINCT FROM NEW.reported_by OR OLD.owner_unit_id IS DISTINCT FROM NEW.owner_unit_id)
      EXECUTE FUNCTION indicator_month_reporters_changed()`);
    await q.query(`CREATE TRIGGER indicator_month_unit_kind AFTER UPDATE OF kind ON unit FOR EACH ROW
      WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION indicator_month_reporters_changed()`);
    await q.query(`SELECT indicator_month_refresh(array_agg(indicator_id), array_agg(period))
      FROM (SELECT DISTINCT indicator_id, period FROM indicator_value WHERE indicator_id IS NOT NULL) x`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER indicator_month_unit_kind ON unit`);
    await q.query(`DROP TRIGGER indicator_month_reporters ON indicator`);
    await q.query(`DROP FUNCTION indicator_month_reporters_changed()`);
    for (const event of ['inserted', 'updated', 'deleted'])
      await q.query(`DROP TRIGGER indicator_month_${event} ON indicator_value`);
    await q.query(`DROP FUNCTION indicator_month_values_changed()`);
    await q.query(`DROP FUNCTION indicator_month_refresh(uuid[], text[])`);
    await q.query(`DROP TABLE "indicator_month"`);
  }
}
