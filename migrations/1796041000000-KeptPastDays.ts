import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A past day's roll-ups kept once computed (issue 14: no read's cost grows with history).
 * A board as of a day rebuilt every milestone of every program from the ledger (its last
 * report before the day, health with its dependencies): Q6 a year back answered 6 reads/s
 * at national scale and none in 90 s at x10. The sums of a past day change only when
 * something dated on or before it is written after it; those writes are recorded here,
 * and a kept day is used only while none it did not see touches it.
 *
 * - kept_day: for (kind, day, program), the snapshot (pg_current_snapshot) of the
 *   statement that computed and stored it. kept_day_milestone holds each milestone's
 *   state (kind MILESTONES: what as-of.sql rebuilds from the ledger, read in its place),
 *   kept_day_cell the cells' sums (CELLS), kept_day_escalation the live escalations per
 *   level (ESCALATIONS).
 * - history_change: per (program, first day touched, source), the transaction that last
 *   wrote something dated on or before a kept-able day: an applied report dated back (a
 *   node that was offline), an escalation event, a unit's dates (a merger effective in
 *   the past), a milestone created or relinked, a plan published or an item's identity
 *   changed. Written by statement triggers, whoever writes (as the maintained roll-ups).
 *   A kept day is stale when a change from or before its day was made by a transaction
 *   its snapshot does not see (pg_visible_in_snapshot): committed after it computed, or in
 *   progress then. One row per source: two nodes back-dating reports never wait on each other.
 * - kept_day_current(...): no change from or before the day by a transaction the kept
 *   day's snapshot did not see.
 * - history_compact(): forgets what no kept day needs: the stale kept days, then every
 *   change older than the oldest snapshot still kept (visible to it and to any later
 *   one). Under an advisory lock (class 8613) every computation shares: none can be
 *   keeping under an older snapshot meanwhile. Called by each instance as it starts and
 *   as the day turns; an import of history by SQL records a change per day and node.
 * - history_horizon(): days before it may be kept; changes dated on or before it are
 *   recorded. One day of margin each side of the maintained day (or the database's day in
 *   Việt Nam before the roll-ups hold one): a day is kept only once it is two days gone,
 *   so a push racing the day's turn is still recorded. Today's pushes record nothing.
 * Reversible: down drops all of it; past days are then computed on every read as before.
 */
const NO_SOURCE = `'00000000-0000-0000-0000-000000000000'::uuid`;
const VN_DAY = (ts: string) => `((${ts}) AT TIME ZONE INTERVAL '+07:00')::date`;

/**
 * Records each (program_id, from_day, source_id) row of `changes` that a kept day could
 * have seen (`horizon`: history_horizon(), read once by the trigger).
 */
function record(changes: string): string {
  return `INSERT INTO history_change AS h (program_id, from_day, source_id, xid)
      SELECT DISTINCT x.program_id, x.from_day, x.source_id, pg_current_xact_id()::text::bigint
      FROM (${changes}) x JOIN program p ON p.id = x.program_id -- not one being deleted
      WHERE x.from_day <= horizon
      ON CONFLICT (program_id, from_day, source_id) DO UPDATE SET xid = EXCLUDED.xid`;
}

interface HistoryTrigger {
  name: string;
  on: string;
  /** AFTER what, and how (FOR EACH ...) */
  event: string;
  rest: string;
  changes: string;
}

const NEW_ROWS = 'REFERENCING NEW TABLE AS changed FOR EACH STATEMENT';
const OLD_ROWS = 'REFERENCING OLD TABLE AS gone FOR EACH STATEMENT';
const BOTH_ROWS = 'REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT';

/**
 * Tables the application only appends to (the ledger, escalation events, plan versions),
 * watched on every write all the same: a correction or an import by SQL that rewrites a
 * date moves history as much as a push does. `changes(rows)` reads the rows written.
 */
function everyWrite(name: string, on: string, changes: (rows: string) => string): HistoryTrigger[] {
  return [
    { name: `${name}_inserted`, on, event: 'INSERT', rest: NEW_ROWS, changes: changes('changed') },
    { name: `${name}_deleted`, on, event: 'DELETE', rest: OLD_ROWS, changes: changes('gone') },
    {
      name: `${name}_updated`,
      on,
      event: 'UPDATE',
      rest: BOTH_ROWS,
      changes: changes('(SELECT * FROM gone UNION ALL SELECT * FROM changed)'),
    },
  ];
}

const TRIGGERS: HistoryTrigger[] = [
  // a report dated back (a node offline over midnight), on its milestone's program
  ...everyWrite(
    'history_reports',
    'milestone_update',
    (
      rows,
    ) => `SELECT m.program_id, ${VN_DAY('c.reported_at')} AS from_day, c.node_unit_id AS source_id
      FROM ${rows} c JOIN milestone m ON m.id = c.milestone_id
      WHERE c.outcome = 'APPLIED' AND ${VN_DAY('c.reported_at')} <= horizon`,
  ),
  ...everyWrite(
    'history_escalations',
    'escalation_event',
    (rows) => `SELECT m.program_id, ${VN_DAY('c.at')} AS from_day, ${NO_SOURCE} AS source_id
      FROM ${rows} c JOIN escalation e ON e.id = c.escalation_id JOIN milestone m ON m.id = e.milestone_id
      WHERE ${VN_DAY('c.at')} <= horizon`,
  ),
  ...everyWrite(
    'history_plans',
    'plan_version',
    (
      rows,
    ) => `SELECT c.program_id, ${VN_DAY('c.published_at')} AS from_day, ${NO_SOURCE} AS source_id
      FROM ${rows} c`,
  ),
  // which units exist on a day decides what counts, in every program
  ...[
    { name: 'history_units_inserted', event: 'INSERT', rest: NEW_ROWS, rows: 'changed' },
    { name: 'history_units_deleted', event: 'DELETE', rest: OLD_ROWS, rows: 'gone' },
  ].map(({ rows, ...t }) => ({
    ...t,
    on: 'unit',
    changes: `SELECT p.id AS program_id, COALESCE(c.valid_from, '-infinity') AS from_day, ${NO_SOURCE} AS source_id
      FROM ${rows} c CROSS JOIN program p`,
  })),
  {
    // an end set (a merger): from the day after it; a start moved: from the earlier start
    name: 'history_units_redated',
    on: 'unit',
    event: 'UPDATE',
    rest: BOTH_ROWS,
    changes: `SELECT p.id AS program_id, x.from_day, ${NO_SOURCE} AS source_id
      FROM (SELECT least(
              CASE WHEN o.valid_from IS DISTINCT FROM n.valid_from
                THEN least(COALESCE(o.valid_from, '-infinity'), COALESCE(n.valid_from, '-infinity')) END,
              CASE WHEN o.valid_to IS DISTINCT FROM n.valid_to THEN least(o.valid_to, n.valid_to) + 1 END) AS from_day
            FROM gone o JOIN changed n ON n.id = o.id) x
      CROSS JOIN program p WHERE x.from_day IS NOT NULL`,
  },
  {
    // a milestone counts from the day its item was published (its unit's dates permitting)
    name: 'history_milestones_inserted',
    on: 'milestone',
    event: 'INSERT',
    rest: NEW_ROWS,
    changes: `SELECT c.program_id, COALESCE(${VN_DAY('pv.published_at')}, '-infinity') AS from_day,
        ${NO_SOURCE} AS source_id
      FROM changed c JOIN plan_item pi ON pi.id = c.plan_item_id
      LEFT JOIN plan_version pv ON pv.program_id = pi.program_id AND pv.version = pi.added_in_version`,
  },
  {
    name: 'history_milestones_deleted',
    on: 'milestone',
    event: 'DELETE',
    rest: OLD_ROWS,
    changes: `SELECT c.program_id, '-infinity'::date AS from_day, ${NO_SOURCE} AS source_id FROM gone c`,
  },
  {
    // a successor's derived state counts from its unit's first day; any other move, always
    // (a row trigger: transition tables cannot go with a column list, and a push's status
    // updates must not pay for this)
    name: 'history_milestones_relinked',
    on: 'milestone',
    event: 'UPDATE',
    rest: `FOR EACH ROW WHEN (OLD.successor_id IS DISTINCT FROM NEW.successor_id
      OR OLD.unit_id <> NEW.unit_id OR OLD.plan_item_id <> NEW.plan_item_id OR OLD.program_id <> NEW.program_id)`,
    changes: `SELECT p AS program_id, COALESCE((SELECT u.valid_from FROM milestone s JOIN unit u ON u.id = s.unit_id
        WHERE s.id = NEW.successor_id AND NEW.unit_id = OLD.unit_id AND NEW.plan_item_id = OLD.plan_item_id),
        '-infinity') AS from_day, ${NO_SOURCE} AS source_id
      FROM unnest(ARRAY[OLD.program_id, NEW.program_id]) p`,
  },
  {
    // a past version's items are read through these columns (the rest from its JSON)
    name: 'history_items_reidentified',
    on: 'plan_item',
    event: 'UPDATE',
    rest: `FOR EACH ROW WHEN (OLD.scope <> NEW.scope OR OLD.key <> NEW.key
      OR OLD.program_id <> NEW.program_id OR OLD.added_in_version <> NEW.added_in_version)`,
    changes: `SELECT p AS program_id, '-infinity'::date AS from_day, ${NO_SOURCE} AS source_id
      FROM unnest(ARRAY[OLD.program_id, NEW.program_id]) p`,
  },
];

export class KeptPastDays1796041000000 implements MigrationInterface {
  name = 'KeptPastDays1796041000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "history_change" (
      "program_id" uuid NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
      "from_day" date NOT NULL, "source_id" uuid NOT NULL, "xid" bigint NOT NULL,
      PRIMARY KEY ("program_id", "from_day", "source_id"))`);
    await q.query(`CREATE TABLE "kept_day" (
      "kind" text NOT NULL CHECK ("kind" IN ('MILESTONES', 'CELLS', 'ESCALATIONS')), "day" date NOT NULL,
      "program_id" uuid NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
      "computed_under" text NOT NULL, "computed_xmin" bigint NOT NULL,
      "computed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("kind", "day", "program_id"))`);
    // the columns of the milestone table (as as-of.sql's shadow has them), and health, on a day
    await q.query(`CREATE TABLE "kept_day_milestone" (
      "day" date NOT NULL,
      "program_id" uuid NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
      "id" uuid NOT NULL REFERENCES "milestone" ("id") ON DELETE CASCADE,
      "plan_item_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "status" text NOT NULL, "status_before_cancel" text,
      "percent_complete" integer NOT NULL, "forecast_due" date, "completed_on" date, "blocker" text, "note" text,
      "version" integer NOT NULL, "last_reported_at" timestamptz, "created_at" timestamptz NOT NULL,
      "blocked_since" timestamptz, "successor_id" uuid, "health" text NOT NULL,
      PRIMARY KEY ("day", "id"))`);
    // the lookups the milestone table answers: a board's units, health's dependencies, predecessors
    await q.query(
      `CREATE INDEX "kept_day_milestone_unit" ON "kept_day_milestone" ("day", "unit_id")`,
    );
    await q.query(
      `CREATE INDEX "kept_day_milestone_item" ON "kept_day_milestone" ("day", "plan_item_id", "unit_id")`,
    );
    await q.query(`CREATE INDEX "kept_day_milestone_successor" ON "kept_day_milestone" ("day", "successor_id")
      WHERE "successor_id" IS NOT NULL`);
    await q.query(`CREATE TABLE "kept_day_cell" (
      "day" date NOT NULL,
      "program_id" uuid NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
      "unit_id" uuid NOT NULL REFERENCES "unit" ("id") ON DELETE CASCADE,
      "total" integer NOT NULL, "weighted" double precision NOT NULL, "weights" double precision NOT NULL,
      "done" integer NOT NULL, "late" integer NOT NULL, "blocked" integer NOT NULL,
      "at_risk" integer NOT NULL, "on_track" integer NOT NULL, "due" integer NOT NULL, "on_time" integer NOT NULL,
      PRIMARY KEY ("day", "program_id", "unit_id"))`);
    await q.query(`CREATE TABLE "kept_day_escalation" (
      "day" date NOT NULL,
      "program_id" uuid NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
      "level" text NOT NULL, "live" integer NOT NULL,
      PRIMARY KEY ("day", "program_id", "level"))`);
    await q.query(`CREATE FUNCTION history_horizon() RETURNS date LANGUAGE sql STABLE AS $$
      SELECT COALESCE((SELECT day FROM rollup_state), ${VN_DAY('now()')}) - 1 $$`);
    await q.query(`CREATE FUNCTION kept_day_current(program uuid, day date, computed_xmin bigint, computed_under text)
      RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT NOT EXISTS (SELECT 1 FROM history_change c
        WHERE c.program_id = program AND c.from_day <= day AND c.xid >= computed_xmin
          AND NOT pg_visible_in_snapshot(c.xid::text::xid8, computed_under::pg_snapshot)) $$`);
    await q.query(`CREATE FUNCTION history_compact() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(8613, 0);
        DELETE FROM kept_day k WHERE NOT kept_day_current(k.program_id, k.day, k.computed_xmin, k.computed_under);
        DELETE FROM kept_day_milestone c WHERE NOT EXISTS (SELECT 1 FROM kept_day k
          WHERE k.kind = 'MILESTONES' AND k.day = c.day AND k.program_id = c.program_id);
        DELETE FROM kept_day_cell c WHERE NOT EXISTS (SELECT 1 FROM kept_day k
          WHERE k.kind = 'CELLS' AND k.day = c.day AND k.program_id = c.program_id);
        DELETE FROM kept_day_escalation c WHERE NOT EXISTS (SELECT 1 FROM kept_day k
          WHERE k.kind = 'ESCALATIONS' AND k.day = c.day AND k.program_id = c.program_id);
        DELETE FROM history_change WHERE xid < (SELECT least(min(computed_xmin),
          pg_snapshot_xmin(pg_current_snapshot())::text::bigint) FROM kept_day);
      END $$`);
    for (const t of TRIGGERS) {
      // the horizon read once: as a call in the query it ran per row (0.7 ms a 100-report push)
      await q.query(`CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE horizon date := history_horizon();
        BEGIN
          ${record(t.changes)};
          RETURN NULL;
        END $$`);
      await q.query(
        `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.on} ${t.rest} EXECUTE FUNCTION ${t.name}()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [...TRIGGERS].reverse()) {
      await q.query(`DROP TRIGGER ${t.name} ON ${t.on}`);
      await q.query(`DROP FUNCTION ${t.name}()`);
    }
    for (const fn of [
      'history_compact()',
      'kept_day_current(uuid, date, bigint, text)',
      'history_horizon()',
    ])
      await q.query(`DROP FUNCTION ${fn}`);
    for (const table of [
      'kept_day_escalation',
      'kept_day_cell',
      'kept_day_milestone',
      'kept_day',
      'history_change',
    ])
      await q.query(`DROP TABLE "${table}"`);
  }
}
