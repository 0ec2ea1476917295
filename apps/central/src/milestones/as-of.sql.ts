import { addDays, IsoDate } from '@tracker/domain';
import { CentralDb, centralSql } from '@tracker/persistence';
import { QueryCreator, RawBuilder, sql } from 'kysely';
import { DayContext } from '../platform/request/request-context';

/**
 * The day a read answers for (domain.md "As of a date"). `fromHistory` when that
 * day is before the central today: the state is then rebuilt from the ledger and
 * the published plans; today's reads take the tables as they are (fast, and the
 * successor milestones' derived state is kept on their rows). `maintained` when
 * the maintained roll-ups (milestone_health, rollup_cell) hold that very day: a
 * read then takes health and sums as stored instead of computing them.
 */
export interface ReadDay {
  day: IsoDate;
  fromHistory: boolean;
  maintained: boolean;
  /**
   * A past day read from its kept milestones (kept_day_milestone, keptMilestones):
   * the programs kept, which must hold every milestone the read asks for.
   */
  kept?: readonly string[];
}

export function readDay(day: IsoDate, ctx: DayContext): ReadDay {
  const fromHistory = day < ctx.today;
  return { day, fromHistory, maintained: !fromHistory && day === ctx.maintainedDay };
}

/** The first instant after day D in Việt Nam (UTC+7 all year): what happened before it counts. */
export function endOfVietnamDay(day: IsoDate): string {
  return `${addDays(day, 1)}T00:00:00+07:00`;
}

/** An applied report of milestone `alias` dated (reportedAt) on or before the day: its last by seq. */
function lastReport(alias: string, end: string): RawBuilder<unknown> {
  return sql`SELECT r.status, r.percent_complete, r.forecast_due, r.completed_on, r.blocker, r.note,
      r.seq, r.reported_at
    FROM milestone_update r
    WHERE r.milestone_id = ${sql.ref(`${alias}.id`)} AND r.outcome = 'APPLIED'
      AND r.reported_at < ${end}::timestamptz
    ORDER BY r.seq DESC LIMIT 1`;
}

/**
 * deriveFromPredecessors (libs/domain/src/reorganisation.ts) as aggregates over the
 * predecessors' states as of the day (p: status, percent_complete, forecast_due,
 * completed_on, blocker, reported_at, unit_name, unit_code), CANCELLED ones left
 * out; no live predecessor (or none at all) gives NOT_STARTED, 0%, as never
 * reported does. Blockers are joined in unit code order. as-of-derivation.e2e-spec
 * holds it to the domain's function over a table of cases.
 */
export function derivedStateSql(p: string): RawBuilder<unknown> {
  const live = sql.raw(`${p}.status <> 'CANCELLED'`);
  const col = (c: string) => sql.ref(`${p}.${c}`);
  const status = sql`CASE
      WHEN count(*) FILTER (WHERE ${live}) = 0 THEN 'NOT_STARTED'
      WHEN bool_and(${col('status')} = 'DONE') FILTER (WHERE ${live}) THEN 'DONE'
      WHEN bool_or(${col('status')} = 'BLOCKED') FILTER (WHERE ${live}) THEN 'BLOCKED'
      WHEN bool_and(${col('status')} = 'NOT_STARTED') FILTER (WHERE ${live}) THEN 'NOT_STARTED'
      ELSE 'IN_PROGRESS' END`;
  return sql`SELECT ${status} AS status,
      COALESCE((sum(${col('percent_complete')}) FILTER (WHERE ${live})
        / NULLIF(count(*) FILTER (WHERE ${live}), 0))::int, 0) AS percent_complete,
      max(${col('forecast_due')}) FILTER (WHERE ${live}) AS forecast_due,
      CASE WHEN count(*) FILTER (WHERE ${live}) > 0
        AND bool_and(${col('status')} = 'DONE') FILTER (WHERE ${live})
        THEN max(${col('completed_on')}) FILTER (WHERE ${live}) END AS completed_on,
      string_agg(btrim(${col('unit_name')} || ': ' || COALESCE(${col('blocker')}, ''), E' \\t\\r\\n'), '; '
        ORDER BY ${col('unit_code')} COLLATE "C") FILTER (WHERE ${col('status')} = 'BLOCKED') AS blocker,
      max(${col('reported_at')}) FILTER (WHERE ${live}) AS last_reported_at`;
}

/**
 * The plan items as the version of each program in force at the end of the day
 * published them (plan_version keeps each plan whole): that version's title,
 * baseline, weight and dependencies. Items added in a later version are absent;
 * items the version had dropped are there with removed_in_version set, so their
 * milestones read CANCELLED, as today's do.
 */
function planItemsOn(end: string): RawBuilder<unknown> {
  return sql`SELECT pi.id, pi.program_id, pi.key, COALESCE(x.title, pi.title) AS title, pi.title_folded,
      pi.scope, COALESCE(x."baselineDue", pi.baseline_due) AS baseline_due, COALESCE(x.weight, pi.weight) AS weight,
      CASE WHEN x.key IS NULL THEN pi.depends_on
        ELSE ARRAY(SELECT jsonb_array_elements_text(x."dependsOn")) END AS depends_on,
      pi.position, pi.added_in_version, CASE WHEN x.key IS NULL THEN v.version END AS removed_in_version
    FROM (SELECT DISTINCT ON (pv.program_id) pv.program_id, pv.version, pv.items FROM plan_version pv
          WHERE pv.published_at < ${end}::timestamptz ORDER BY pv.program_id, pv.version DESC) v
    JOIN plan_item pi ON pi.program_id = v.program_id AND pi.added_in_version <= v.version
    LEFT JOIN LATERAL (SELECT * FROM jsonb_to_recordset(v.items)
        AS i(key text, title text, "baselineDue" date, weight float8, "dependsOn" jsonb)
      WHERE i.key = pi.key) x ON true`;
}

/**
 * Each milestone as it stood at the end of the day, with the table's columns:
 * only those whose unit existed that day and whose item was published by then;
 * its last applied report dated on or before the day, else (a successor not yet
 * reported on) the state derived from its predecessors' as of the day, else
 * NOT_STARTED, 0%. `plan_item` here is already the day's (planItemsOn).
 */
function milestonesOn(day: IsoDate, end: string): RawBuilder<unknown> {
  const own = (c: string) => sql.raw(`CASE WHEN own.seq IS NOT NULL THEN own.${c} ELSE d.${c} END`);
  const state = sql`COALESCE(own.status, d.status)`;
  return sql`SELECT m.id, m.program_id, m.plan_item_id, m.unit_id,
      CASE WHEN pi.removed_in_version IS NOT NULL THEN 'CANCELLED' ELSE ${state} END AS status,
      CASE WHEN pi.removed_in_version IS NOT NULL THEN ${state} END AS status_before_cancel,
      COALESCE(own.percent_complete, d.percent_complete) AS percent_complete,
      ${own('forecast_due')} AS forecast_due, ${own('completed_on')} AS completed_on,
      ${own('blocker')} AS blocker, own.note, COALESCE(own.seq, 0) AS version,
      CASE WHEN own.seq IS NOT NULL THEN own.reported_at ELSE d.last_reported_at END AS last_reported_at,
      m.created_at,
      CASE WHEN ${state} = 'BLOCKED' THEN COALESCE(own.reported_at, d.last_reported_at) END AS blocked_since,
      m.successor_id
    FROM milestone m
    JOIN unit u ON u.id = m.unit_id
      AND (u.valid_from IS NULL OR u.valid_from <= ${day}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${day}::date)
    JOIN plan_item pi ON pi.id = m.plan_item_id
    LEFT JOIN LATERAL (${lastReport('m', end)}) own ON true
    LEFT JOIN LATERAL (
      ${derivedStateSql('p')}
      FROM (SELECT pu.name AS unit_name, pu.code AS unit_code, COALESCE(pr.status, 'NOT_STARTED') AS status,
              COALESCE(pr.percent_complete, 0) AS percent_complete, pr.forecast_due, pr.completed_on, pr.blocker,
              pr.reported_at
            FROM milestone pm JOIN unit pu ON pu.id = pm.unit_id
            LEFT JOIN LATERAL (${lastReport('pm', end)}) pr ON true
            WHERE pm.successor_id = m.id AND own.seq IS NULL) p
    ) d ON true`;
}

type MilestoneColumn = keyof CentralDb['milestone'];

/**
 * The milestone table's columns, as the shadow has them and kept_day_milestone keeps them:
 * every one of them (a column added to the table and not here fails to compile).
 */
export const MILESTONE_COLUMNS = [
  'id',
  'program_id',
  'plan_item_id',
  'unit_id',
  'status',
  'status_before_cancel',
  'percent_complete',
  'forecast_due',
  'completed_on',
  'blocker',
  'note',
  'version',
  'last_reported_at',
  'created_at',
  'blocked_since',
  'successor_id',
] as const satisfies readonly MilestoneColumn[];
const everyColumn: Exclude<MilestoneColumn, (typeof MILESTONE_COLUMNS)[number]> extends never
  ? true
  : never = true;
void everyColumn;

/**
 * The milestones as kept for the day, with their health, when the read keeps them (only
 * the programs it kept: the read asks for no other, and health's dependencies stay within
 * a program); otherwise rebuilt (milestonesOn). Never a union of the two: PostgreSQL cannot push
 * health's per-milestone lookups into a UNION ALL of joins, and scans it whole each time.
 */
function keptOrRebuilt(
  day: IsoDate,
  end: string,
  kept: readonly string[] | undefined,
): RawBuilder<unknown> {
  if (!kept) return milestonesOn(day, end);
  return sql`SELECT ${sql.raw(MILESTONE_COLUMNS.join(', '))}, health FROM kept_day_milestone
    WHERE day = ${day}::date AND program_id = ANY (${kept}::uuid[])`;
}

interface Shadow {
  name: 'plan_item' | 'milestone';
  materialized: boolean;
  body: RawBuilder<unknown>;
}

/**
 * Why shadowing: every read (milestone rows, roll-up sums, health with its
 * dependency look-ups) is written once against the tables `milestone` and
 * `plan_item`. Prefixed with CTEs of those names, the same statement reads the
 * state at the end of a past day: PostgreSQL resolves the names, in the main
 * query and in its subqueries, to the CTEs. Order matters: `plan_item` comes
 * first (its body reads the table), `milestone` second (its body reads the
 * table `milestone` and the day's `plan_item`).
 * The plan items are few: materialised once. The milestones are many: NOT
 * MATERIALIZED, so that health's dependency EXISTS stays a unique lookup on
 * (plan_item_id, unit_id) with its laterals, not a scan of a materialised set
 * per milestone (quadratic). Milestones the day keeps (kept_day_milestone) are
 * read there instead: indexed as the table is.
 */
function shadows(on: ReadDay): Shadow[] {
  const end = endOfVietnamDay(on.day);
  return [
    { name: 'plan_item', materialized: true, body: planItemsOn(end) },
    { name: 'milestone', materialized: false, body: keptOrRebuilt(on.day, end, on.kept) },
  ];
}

/** The CTE list, for statements written as sql templates: `WITH ${asOfCtes(d)} f AS (…)`. Empty today. */
export function asOfCtes(on: ReadDay): RawBuilder<unknown> {
  if (!on.fromHistory) return sql``;
  return sql`${sql.join(
    shadows(on).map(
      (s) =>
        sql`${sql.id(s.name)} AS ${sql.raw(s.materialized ? 'MATERIALIZED' : 'NOT MATERIALIZED')} (${s.body})`,
    ),
  )},`;
}

/** A query creator whose statements read the day's tables (centralSql itself today). */
export function asOfQueries(on: ReadDay): QueryCreator<CentralDb> {
  if (!on.fromHistory) return centralSql;
  // the shadows have the tables' columns: typed as the tables they stand for
  return shadows(on).reduce<QueryCreator<CentralDb>>(
    (creator, s) =>
      creator.with(
        (cte) => (s.materialized ? cte(s.name).materialized() : cte(s.name).notMaterialized()),
        // a raw body is written as is: the parentheses a CTE needs are ours to add
        () => sql<Record<string, unknown>>`(${s.body})`,
      ) as unknown as QueryCreator<CentralDb>,
    centralSql,
  );
}
