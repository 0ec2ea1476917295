import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roll-ups maintained as reports land (issue 14), so that a read of today costs what it
 * shows, not what the program holds:
 * - milestone_health: each milestone's health on rollup_state.day (domain.md's rules,
 *   as healthSql in apps/central/src/milestones/health.sql.ts writes them: the text
 *   below is that expression with the day as a parameter; `npm run verify-rollups`
 *   and the tests hold the two to the same answers);
 * - rollup_cell: the roll-up sums of each (program, unit) on that day, as
 *   RollupSumsRepository computes them (units existing that day, CANCELLED left out).
 *
 * Kept right by statement triggers on milestone, plan_item and unit, in the writing
 * transaction, whoever writes (a push, a plan republish, a reorganisation, a SQL
 * import): the milestones whose health may change (those written and those depending
 * on them) and the cells they sit in are recomputed. Concurrency: advisory locks per
 * program (class 8610) and per cell (8611), taken before recomputing, so the
 * recomputation (a statement after the lock, with a fresh snapshot) sees whatever the
 * writer it waited for committed. A change to a CENTRAL item's milestone can move
 * dependents in every unit, and a statement may write many units' (a plan, a merger):
 * those take their program's lock exclusively; a province's own report shares it and
 * locks its own cells (never thousands of locks: PostgreSQL's lock table is finite). rollup_refresh(today) moves the day
 * forward (what turns LATE or AT_RISK by date alone), under every program's lock,
 * idempotent: the second instance to call it finds the day already there.
 * Reversible: down drops all of it; reads then compute as before.
 */
export const HEALTH = `(CASE
    WHEN m.status = 'CANCELLED' THEN 'ON_TRACK'
    WHEN m.status = 'DONE' THEN 'DONE'
    WHEN m.status = 'BLOCKED' THEN 'BLOCKED'
    WHEN on_day > pi.baseline_due THEN 'LATE'
    WHEN m.forecast_due > pi.baseline_due OR EXISTS (
      SELECT 1 FROM plan_item dpi JOIN milestone dm ON dm.plan_item_id = dpi.id
      JOIN unit du ON du.id = dm.unit_id AND (du.valid_from IS NULL OR du.valid_from <= on_day)
        AND (du.valid_to IS NULL OR du.valid_to >= on_day)
      WHERE dpi.program_id = pi.program_id AND dpi.key = ANY (pi.depends_on) AND dpi.scope = 'CENTRAL'
        AND (dm.status = 'BLOCKED' OR (dm.status NOT IN ('DONE', 'CANCELLED') AND on_day > dpi.baseline_due))
    ) OR EXISTS (
      SELECT 1 FROM plan_item dpi JOIN milestone dm ON dm.plan_item_id = dpi.id AND dm.unit_id = m.unit_id
      WHERE dpi.program_id = pi.program_id AND dpi.key = ANY (pi.depends_on) AND dpi.scope = 'PROVINCE'
        AND (dm.status = 'BLOCKED' OR (dm.status NOT IN ('DONE', 'CANCELLED') AND on_day > dpi.baseline_due))
    ) THEN 'AT_RISK'
    ELSE 'ON_TRACK'
  END)`;

/** The sums of the cells whose milestones meet `scope`, for `day` (a variable of the function). */
export const cellSums = (
  scope: string,
  day = 'on_day',
) => `SELECT m.program_id, m.unit_id, count(*)::int,
      sum(pi.weight * CASE WHEN m.status = 'DONE' THEN 100 ELSE m.percent_complete END),
      sum(pi.weight),
      count(*) FILTER (WHERE h.health = 'DONE')::int, count(*) FILTER (WHERE h.health = 'LATE')::int,
      count(*) FILTER (WHERE h.health = 'BLOCKED')::int, count(*) FILTER (WHERE h.health = 'AT_RISK')::int,
      count(*) FILTER (WHERE h.health = 'ON_TRACK')::int,
      count(*) FILTER (WHERE pi.baseline_due < ${day})::int,
      count(*) FILTER (WHERE pi.baseline_due < ${day} AND m.status = 'DONE' AND m.completed_on <= pi.baseline_due)::int
    FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN unit u ON u.id = m.unit_id
    JOIN milestone_health h ON h.milestone_id = m.id
    WHERE m.status <> 'CANCELLED' AND (u.valid_from IS NULL OR u.valid_from <= ${day})
      AND (u.valid_to IS NULL OR u.valid_to >= ${day}) AND ${scope}
    GROUP BY m.program_id, m.unit_id`;

export const CELL_COLUMNS = `program_id, unit_id, total, weighted, weights, done, late, blocked, at_risk, on_track, due, on_time`;

/**
 * rollup_refresh_health: `upsert(where)` writes the health of the milestones (m, with
 * its plan item pi) that `where` keeps: every one when ids is NULL, those named otherwise.
 * plpgsql, not sql: its statements' plans are kept for the session (a push calls these
 * every time), and each branch is a plan of its own (an `ids IS NULL OR` would defeat the
 * index). MilestonePageOrder replaces this one's upsert, and puts it back on down.
 */
export function refreshHealthFunction(upsert: (where: string) => string): string {
  return `CREATE OR REPLACE FUNCTION rollup_refresh_health(ids uuid[], on_day date) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL THEN
          ${upsert('')};
        ELSE
          ${upsert('WHERE m.id = ANY (ids)')};
        END IF;
      END $$`;
}

export const REFRESH_HEALTH = refreshHealthFunction(
  (where) => `INSERT INTO milestone_health AS h (milestone_id, health)
          SELECT m.id, ${HEALTH} FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id ${where}
          ON CONFLICT (milestone_id) DO UPDATE SET health = EXCLUDED.health WHERE h.health <> EXCLUDED.health`,
);

/** The cells named by the pairs (cell_programs[i], cell_units[i]), as a `WHERE` on alias `m` or `c`. */
const PAIRS = 'IN (SELECT x.p, x.u FROM unnest(cell_programs, cell_units) AS x(p, u))';

/**
 * rollup_refresh_cells: cells named by pairs (programs[i], units[i]); a NULL unit is
 * every unit of that program. `write(milestones, cells)` is each branch's statement,
 * given its milestones (alias m) and its cells (alias c). RollupCellUpserts replaces
 * this one's delete-and-insert with an upsert, and puts it back on down.
 */
export function refreshCellsFunction(write: (milestones: string, cells: string) => string): string {
  return `CREATE OR REPLACE FUNCTION rollup_refresh_cells(programs uuid[], units uuid[], on_day date) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        whole uuid[] := ARRAY(SELECT DISTINCT x.p FROM unnest(programs, units) AS x(p, u) WHERE x.u IS NULL);
        cell_programs uuid[];
        cell_units uuid[];
      BEGIN
        IF cardinality(whole) > 0 THEN
          ${write('m.program_id = ANY (whole)', 'c.program_id = ANY (whole)')};
        END IF;
        SELECT array_agg(x.p), array_agg(x.u) INTO cell_programs, cell_units
          FROM (SELECT DISTINCT p, u FROM unnest(programs, units) AS y(p, u)
                WHERE u IS NOT NULL AND NOT (p = ANY (whole))) x;
        IF cell_programs IS NOT NULL THEN
          ${write(`(m.program_id, m.unit_id) ${PAIRS}`, `(c.program_id, c.unit_id) ${PAIRS}`)};
        END IF;
      END $$`;
}

export const REFRESH_CELLS = refreshCellsFunction(
  (milestones, cells) => `DELETE FROM rollup_cell c WHERE ${cells};
          INSERT INTO rollup_cell (${CELL_COLUMNS}) ${cellSums(milestones)}`,
);

export class MaintainedRollups1796040000000 implements MigrationInterface {
  name = 'MaintainedRollups1796040000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "rollup_state" (
      "singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
      "day" date)`);
    await q.query(`INSERT INTO "rollup_state" ("singleton", "day") VALUES (true, NULL)`);
    await q.query(`CREATE TABLE "milestone_health" (
      "milestone_id" uuid PRIMARY KEY REFERENCES "milestone" ("id") ON DELETE CASCADE,
      "health" text NOT NULL)`);
    await q.query(`CREATE INDEX "milestone_health_health" ON "milestone_health" ("health")`);
    await q.query(`CREATE TABLE "rollup_cell" (
      "program_id" uuid NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
      "unit_id" uuid NOT NULL REFERENCES "unit" ("id") ON DELETE CASCADE,
      "total" integer NOT NULL, "weighted" double precision NOT NULL, "weights" double precision NOT NULL,
      "done" integer NOT NULL, "late" integer NOT NULL, "blocked" integer NOT NULL,
      "at_risk" integer NOT NULL, "on_track" integer NOT NULL, "due" integer NOT NULL, "on_time" integer NOT NULL,
      PRIMARY KEY ("program_id", "unit_id"))`);

    await q.query(REFRESH_HEALTH);
    await q.query(REFRESH_CELLS);
    // Every program's lock in one pass in id order, each in the mode asked (exclusive wins):
    // two writers locking in one order cannot wait on each other.
    await q.query(`CREATE FUNCTION rollup_lock_programs(alone_in uuid[], shared_in uuid[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE p uuid; alone boolean;
      BEGIN
        FOR p, alone IN
          SELECT x.id, bool_or(x.sole) FROM (
            SELECT unnest(alone_in) AS id, true AS sole UNION ALL SELECT unnest(shared_in), false) x
          GROUP BY x.id ORDER BY x.id
        LOOP
          IF alone THEN PERFORM pg_advisory_xact_lock(8610, hashtext(p::text));
          ELSE PERFORM pg_advisory_xact_lock_shared(8610, hashtext(p::text));
          END IF;
        END LOOP;
      END $$`);
    // Moves the maintained day forward to `today` (never back): answers whether it moved.
    await q.query(`CREATE FUNCTION rollup_refresh(today date) RETURNS boolean
      LANGUAGE plpgsql AS $$
      DECLARE current date;
      BEGIN
        -- most calls find the day there already: answered without taking any lock
        SELECT day INTO current FROM rollup_state;
        IF current IS NOT NULL AND current >= today THEN RETURN false; END IF;
        PERFORM rollup_lock_programs(ARRAY(SELECT id FROM program), NULL);
        INSERT INTO rollup_state (singleton, day) VALUES (true, NULL) ON CONFLICT DO NOTHING;
        SELECT day INTO current FROM rollup_state FOR UPDATE;
        IF current IS NOT NULL AND current >= today THEN RETURN false; END IF;
        UPDATE rollup_state SET day = today;
        PERFORM rollup_refresh_health(NULL, today);
        DELETE FROM rollup_cell;
        INSERT INTO rollup_cell (${CELL_COLUMNS}) ${cellSums('true', 'today')};
        RETURN true;
      END $$`);

    // A statement wrote milestones (`changed`: the new rows, or the deleted ones).
    await q.query(`CREATE FUNCTION rollup_milestones_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        on_day date;
        sole uuid[];
        joint uuid[];
        ids uuid[];
        cell_programs uuid[];
        cell_units uuid[];
      BEGIN
        SELECT day INTO on_day FROM rollup_state;
        IF on_day IS NULL THEN RETURN NULL; END IF;
        -- A program whose CENTRAL item changed, or whose milestones changed in more than one
        -- unit (a plan, a merger, an import), is locked whole; a province's own report
        -- shares its program and locks its cells (at most one unit's: the lock table is finite).
        SELECT array_agg(x.program_id) FILTER (WHERE x.whole), array_agg(x.program_id) FILTER (WHERE NOT x.whole)
          INTO sole, joint
          FROM (SELECT c.program_id, bool_or(pi.scope = 'CENTRAL') OR count(DISTINCT c.unit_id) > 1 AS whole
                FROM changed c JOIN plan_item pi ON pi.id = c.plan_item_id GROUP BY c.program_id) x;
        PERFORM rollup_lock_programs(sole, joint);
        PERFORM pg_advisory_xact_lock(8611, hashtext(x.program_id::text || x.unit_id::text))
          FROM (SELECT DISTINCT program_id, unit_id FROM changed WHERE program_id = ANY (joint) ORDER BY 1, 2) x;
        -- those written, and those whose health reads them (as a dependency: a CENTRAL
        -- item's in any unit, a PROVINCE item's in the same unit)
        ids := ARRAY(
          SELECT c.id FROM changed c
          UNION
          SELECT dm.id FROM changed c JOIN plan_item ci ON ci.id = c.plan_item_id
            JOIN plan_item di ON di.program_id = ci.program_id AND ci.key = ANY (di.depends_on)
            JOIN milestone dm ON dm.plan_item_id = di.id AND (ci.scope = 'CENTRAL' OR dm.unit_id = c.unit_id));
        PERFORM rollup_refresh_health(ids, on_day);
        SELECT array_agg(program_id), array_agg(unit_id) INTO cell_programs, cell_units FROM (
          SELECT program_id, unit_id FROM changed
          UNION SELECT program_id, unit_id FROM milestone WHERE id = ANY (ids)) x;
        IF TG_OP = 'UPDATE' THEN
          -- a row moved to another program or unit leaves its old cell behind
          SELECT cell_programs || array_agg(program_id), cell_units || array_agg(unit_id)
            INTO cell_programs, cell_units
            FROM (SELECT program_id, unit_id FROM gone EXCEPT SELECT program_id, unit_id FROM changed) x;
        END IF;
        PERFORM rollup_refresh_cells(cell_programs, cell_units, on_day);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER rollup_milestones_inserted AFTER INSERT ON milestone
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION rollup_milestones_changed()`);
    await q.query(`CREATE TRIGGER rollup_milestones_updated AFTER UPDATE ON milestone
      REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION rollup_milestones_changed()`);
    await q.query(`CREATE TRIGGER rollup_milestones_deleted AFTER DELETE ON milestone
      REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION rollup_milestones_changed()`);

    // Programs recomputed whole, under their locks: what a plan or a unit's dates decide.
    await q.query(`CREATE FUNCTION rollup_recompute_programs(programs uuid[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE on_day date;
      BEGIN
        SELECT day INTO on_day FROM rollup_state;
        IF on_day IS NULL THEN RETURN; END IF;
        PERFORM rollup_lock_programs(programs, NULL);
        PERFORM rollup_refresh_health(ARRAY(SELECT id FROM milestone WHERE program_id = ANY (programs)), on_day);
        PERFORM rollup_refresh_cells(programs, array_fill(NULL::uuid, ARRAY[cardinality(programs)]), on_day);
      END $$`);
    // A plan changed (baselines, weights, dependencies, items): its programs.
    await q.query(`CREATE FUNCTION rollup_plans_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rollup_recompute_programs(ARRAY(SELECT DISTINCT program_id FROM changed));
        RETURN NULL;
      END $$`);
    for (const [event, table] of [
      ['INSERT', 'NEW TABLE AS changed'],
      ['UPDATE', 'NEW TABLE AS changed'],
      ['DELETE', 'OLD TABLE AS changed'],
    ])
      await q.query(`CREATE TRIGGER rollup_plans_${event.toLowerCase()} AFTER ${event} ON plan_item
        REFERENCING ${table} FOR EACH STATEMENT EXECUTE FUNCTION rollup_plans_changed()`);

    // Which units exist on the day decides what counts (and whose central milestone a
    // dependency reads): a unit's dates changed, every program.
    await q.query(`CREATE FUNCTION rollup_units_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rollup_recompute_programs(ARRAY(SELECT id FROM program));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER rollup_units_changed AFTER INSERT OR DELETE OR UPDATE OF valid_from, valid_to
      ON unit FOR EACH STATEMENT EXECUTE FUNCTION rollup_units_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER rollup_units_changed ON unit`);
    for (const event of ['insert', 'update', 'delete'])
      await q.query(`DROP TRIGGER rollup_plans_${event} ON plan_item`);
    for (const event of ['inserted', 'updated', 'deleted'])
      await q.query(`DROP TRIGGER rollup_milestones_${event} ON milestone`);
    for (const fn of [
      'rollup_units_changed()',
      'rollup_plans_changed()',
      'rollup_milestones_changed()',
      'rollup_recompute_programs(uuid[])',
      'rollup_refresh(date)',
      'rollup_lock_programs(uuid[], uuid[])',
      'rollup_refresh_cells(uuid[], uuid[], date)',
      'rollup_refresh_health(uuid[], date)',
    ])
      await q.query(`DROP FUNCTION ${fn}`);
    await q.query(`DROP TABLE "rollup_cell"`);
    await q.query(`DROP TABLE "milestone_health"`);
    await q.query(`DROP TABLE "rollup_state"`);
  }
}
