import type { Pool } from 'pg';
import { BENCH_A_YEAR_BACK } from '../dataset/scales';
import { project, Target } from '@tracker/domain';
import { Q5_RANKED } from '../dataset/indicators';
import { ApiQ5, Canonical, canonicalQ5, NationalFigure, Workload } from './workloads';

/*
 * The floor's answers: hand-written SQL, one set-based statement per workload,
 * each returning the canonical answer as one json value built in PostgreSQL,
 * so the bench measures the least work the database can do for the same answer.
 * $1 is always the central date ('YYYY-MM-DD').
 *
 * Health is carried as its severity rank (libs/domain/src/health.ts, worst
 * first): 0 BLOCKED, 1 LATE, 2 AT_RISK, 3 ON_TRACK, 4 DONE, so that a row's
 * health is min(rank) and names are looked up once per output row.
 */

const HEALTH_NAMES = `(ARRAY['BLOCKED','LATE','AT_RISK','ON_TRACK','DONE'])`;
const LEVELS = `ARRAY['DEPARTMENT','UNIT_LEADERSHIP','MINISTRY','MINISTER','GOVERNMENT']`;

/** Provinces that exist on $1 (unitExistsOn in units.repository.ts). */
const ACTIVE_PROVINCES = `SELECT u.id, u.code, u.name FROM unit u
  WHERE u.kind = 'PROVINCE' AND (u.valid_from IS NULL OR u.valid_from <= $1::date)
    AND (u.valid_to IS NULL OR u.valid_to >= $1::date)`;

/**
 * Rule 4's dependency half (healthSql), turned from a per-milestone EXISTS into
 * two small sets joined by hash: the plan items put at risk by a CENTRAL
 * dependency (every unit's milestone of them), and the (plan item, unit) pairs
 * put at risk by the same unit's PROVINCE dependency. A dependency holds its
 * dependants up when BLOCKED, or when not DONE/CANCELLED and past its baseline.
 * `programFilter` narrows the dependants (pi) to one program.
 */
function riskCtes(programFilter = 'TRUE'): string {
  return `hold AS (
    SELECT pi.id AS plan_item_id, CASE WHEN dpi.scope = 'CENTRAL' THEN NULL ELSE dm.unit_id END AS unit_id
    FROM plan_item pi
    JOIN plan_item dpi ON dpi.program_id = pi.program_id AND dpi.key = ANY (pi.depends_on)
    JOIN milestone dm ON dm.plan_item_id = dpi.id
    WHERE ${programFilter} AND cardinality(pi.depends_on) > 0
      AND (dm.status = 'BLOCKED' OR (dm.status NOT IN ('DONE', 'CANCELLED') AND $1::date > dpi.baseline_due))
  ),
  risk_all AS (SELECT DISTINCT plan_item_id FROM hold WHERE unit_id IS NULL),
  risk_unit AS (SELECT DISTINCT plan_item_id, unit_id FROM hold WHERE unit_id IS NOT NULL)`;
}

/** Joins that go with RANK (milestone m, plan item pi). */
const RISK_JOINS = `LEFT JOIN risk_all ra ON ra.plan_item_id = m.plan_item_id
  LEFT JOIN risk_unit ru ON ru.plan_item_id = m.plan_item_id AND ru.unit_id = m.unit_id`;

/** computeHealth's rules as a severity rank; CANCELLED reads ON_TRACK (and is counted nowhere). */
const RANK = `CASE
    WHEN m.status = 'CANCELLED' THEN 3
    WHEN m.status = 'DONE' THEN 4
    WHEN m.status = 'BLOCKED' THEN 0
    WHEN $1::date > pi.baseline_due THEN 1
    WHEN m.forecast_due > pi.baseline_due OR ra.plan_item_id IS NOT NULL OR ru.plan_item_id IS NOT NULL THEN 2
    ELSE 3
  END`;

/**
 * rollUp's sums over facts f (status, weight, percent_complete, completed_on,
 * baseline_due, rank), CANCELLED left out by `live`.
 */
function progressAggregates(live: string): string {
  const when = (cond: string) => `count(*) FILTER (WHERE ${live} AND ${cond})::int`;
  return `count(*) FILTER (WHERE ${live})::int AS total,
    ${when('f.rank = 4')} AS done, ${when('f.rank = 1')} AS late, ${when('f.rank = 0')} AS blocked,
    ${when('f.rank = 2')} AS at_risk, ${when('f.rank = 3')} AS on_track,
    min(f.rank) FILTER (WHERE ${live}) AS worst,
    sum(f.weight * CASE WHEN f.status = 'DONE' THEN 100 ELSE f.percent_complete END) FILTER (WHERE ${live}) AS weighted,
    sum(f.weight) FILTER (WHERE ${live}) AS weights,
    ${when('f.baseline_due < $1::date')} AS due,
    ${when(`f.baseline_due < $1::date AND f.status = 'DONE' AND f.completed_on <= f.baseline_due`)} AS on_time`;
}

/**
 * The Progress object from aggregates a (null when the row has no facts).
 * round2/round4 of rollup.ts are Math.round(x * 100) / 100 on doubles: the same
 * float8 arithmetic here (floor(y + 0.5) equals Math.round for every y >= 0 but
 * the one double just below 0.5), not numeric round(), whose decimal ties
 * differ from the doubles' (0.145 -> 0.15 where Math.round gives 0.14).
 * Sums of weights that are not exact in binary (0.1) depend on the order rows
 * are added in, in PostgreSQL as in the API: equal to the last bit only when
 * the weights are whole or binary fractions, as the bench's are.
 */
function progressJson(a: string): string {
  return `json_build_object(
    'percentComplete', CASE WHEN ${a}.weights > 0 THEN floor(${a}.weighted / ${a}.weights * 100 + 0.5) / 100 ELSE 0 END,
    'total', COALESCE(${a}.total, 0), 'done', COALESCE(${a}.done, 0), 'late', COALESCE(${a}.late, 0),
    'blocked', COALESCE(${a}.blocked, 0), 'atRisk', COALESCE(${a}.at_risk, 0), 'onTrack', COALESCE(${a}.on_track, 0),
    'onTimeRate', CASE WHEN ${a}.due > 0 THEN floor(${a}.on_time::float8 / ${a}.due * 10000 + 0.5) / 10000 END)`;
}

/** rowHealth: the worst live milestone's health, ON_TRACK when there is none. */
function rowHealth(a: string): string {
  return `${HEALTH_NAMES}[COALESCE(${a}.worst, 3) + 1]`;
}

/** programHealth: DONE when all are, else the worst problem held by >= 10% (as doubles, like rollup.ts). */
function programHealth(a: string): string {
  const share = (col: string) => `${a}.${col}::float8 / ${a}.total >= 0.1`;
  return `CASE WHEN COALESCE(${a}.total, 0) = 0 THEN 'ON_TRACK'
    WHEN ${a}.done = ${a}.total THEN 'DONE'
    WHEN ${share('blocked')} THEN 'BLOCKED'
    WHEN ${share('late')} THEN 'LATE'
    WHEN ${share('at_risk')} THEN 'AT_RISK'
    ELSE 'ON_TRACK' END`;
}

/**
 * Q1: one scan of the milestones, aggregated twice at once (GROUPING SETS): per
 * program and per unit, the live escalations of each milestone folded into the
 * same scan. Cancelled milestones stay in the scan for their escalations (the
 * API counts every unresolved one) but out of every roll-up. The per-unit
 * groups are then narrowed to the active provinces, and ordered as laggingFirst
 * does: late + blocked desc, worst health, code (JavaScript's string order,
 * which is "C" for these ASCII codes).
 */
const Q1 = `WITH ${riskCtes()},
  live_escalations AS (
    SELECT e.milestone_id, count(*)::int AS n FROM escalation e WHERE e.state <> 'RESOLVED' GROUP BY e.milestone_id
  ),
  f AS (
    SELECT m.program_id, m.unit_id, m.status, pi.weight, m.percent_complete, m.completed_on, pi.baseline_due,
           ${RANK} AS rank, le.n AS escalations
    FROM milestone m
    JOIN plan_item pi ON pi.id = m.plan_item_id
    ${RISK_JOINS}
    LEFT JOIN live_escalations le ON le.milestone_id = m.id
  ),
  agg AS (
    SELECT GROUPING(f.program_id) = 1 AS per_unit, f.program_id, f.unit_id,
      ${progressAggregates(`f.status <> 'CANCELLED'`)}, sum(f.escalations)::int AS escalations
    FROM f GROUP BY GROUPING SETS ((f.program_id), (f.unit_id))
  ),
  lagging AS (
    SELECT prov.code, prov.name, a.*, COALESCE(a.late + a.blocked, 0) AS trouble, COALESCE(a.worst, 3) AS severity
    FROM (${ACTIVE_PROVINCES}) prov LEFT JOIN agg a ON a.per_unit AND a.unit_id = prov.id
    ORDER BY trouble DESC, severity, prov.code COLLATE "C" LIMIT 10
  )
  SELECT json_build_object(
    'asOf', $1::date::text,
    'programs', (
      SELECT COALESCE(json_agg(json_build_object(
          'code', p.code, 'name', p.name, 'health', ${programHealth('a')},
          'openEscalations', COALESCE(a.escalations, 0), 'progress', ${progressJson('a')})
        ORDER BY p.code COLLATE "C"), '[]')
      FROM program p LEFT JOIN agg a ON NOT a.per_unit AND a.program_id = p.id),
    'escalationsByLevel', (
      SELECT json_agg(json_build_object('level', l.level, 'count', COALESCE(c.n, 0)) ORDER BY l.ord)
      FROM unnest(${LEVELS}) WITH ORDINALITY AS l(level, ord)
      LEFT JOIN (SELECT e.level, count(*)::int AS n FROM escalation e WHERE e.state <> 'RESOLVED' GROUP BY e.level) c
        ON c.level = l.level),
    'laggingProvinces', (
      SELECT COALESCE(json_agg(json_build_object(
          'code', a.code, 'name', a.name, 'health', ${rowHealth('a')}, 'progress', ${progressJson('a')})
        ORDER BY a.trouble DESC, a.severity, a.code COLLATE "C"), '[]')
      FROM lagging a)
  ) AS answer`;

/**
 * Q2: the board of one program ($2): every active province in code order (the
 * API's order, the database's collation), its roll-up over live milestones and
 * all its milestones, cancelled ones included, by key. null for an unknown
 * program, [] for a CENTRALIZED one, as provinceBoard answers.
 */
const Q2 = `WITH p AS (SELECT id, model FROM program WHERE code = $2),
  ${riskCtes('pi.program_id = (SELECT id FROM p)')},
  prov AS (${ACTIVE_PROVINCES}),
  f AS (
    SELECT m.unit_id, m.status, pi.key, pi.weight, m.percent_complete, m.completed_on, pi.baseline_due, ${RANK} AS rank
    FROM milestone m
    JOIN plan_item pi ON pi.id = m.plan_item_id
    ${RISK_JOINS}
    WHERE m.program_id = (SELECT id FROM p) AND m.unit_id IN (SELECT id FROM prov)
  ),
  agg AS (
    SELECT f.unit_id, ${progressAggregates(`f.status <> 'CANCELLED'`)},
      json_agg(json_build_object('key', f.key, 'status', f.status, 'health', ${HEALTH_NAMES}[f.rank + 1],
        'percentComplete', f.percent_complete) ORDER BY f.key COLLATE "C") AS milestones
    FROM f GROUP BY f.unit_id
  )
  SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM p) THEN NULL
    WHEN (SELECT model FROM p) <> 'FEDERATED' THEN '[]'::json
    ELSE (
      SELECT COALESCE(json_agg(json_build_object(
          'code', prov.code, 'name', prov.name, 'health', ${rowHealth('a')},
          'lastSyncAt', to_char(ns.last_sync_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'progress', ${progressJson('a')}, 'milestones', COALESCE(a.milestones, '[]'))
        ORDER BY prov.code), '[]')
      FROM prov LEFT JOIN agg a ON a.unit_id = prov.id LEFT JOIN node_sync ns ON ns.unit_id = prov.id)
  END AS answer`;

/**
 * Q3: LATE needs no dependency look-up (rule 3 comes before rule 4): open work
 * past its baseline. One scan: the late milestones, with the codes they sort
 * by, are counted and their top 50 taken in the API's order (program code,
 * key, unit code byte-wise, id); names are joined for those 50 only.
 */
const Q3 = `WITH late AS MATERIALIZED (
    SELECT m.id, m.status, m.percent_complete, m.program_id, m.unit_id, pi.key, pi.title,
           p.code AS program_code, u.code AS unit_code
    FROM milestone m
    JOIN plan_item pi ON pi.id = m.plan_item_id
    JOIN program p ON p.id = m.program_id
    JOIN unit u ON u.id = m.unit_id
    WHERE m.status NOT IN ('DONE', 'BLOCKED', 'CANCELLED') AND $1::date > pi.baseline_due
  ),
  page AS (
    SELECT * FROM late
    ORDER BY program_code COLLATE "C", key COLLATE "C", unit_code COLLATE "C", id
    LIMIT 50
  )
  SELECT json_build_object(
    'totalCount', (SELECT count(*)::int FROM late),
    'nodes', (
      SELECT COALESCE(json_agg(json_build_object(
          'id', x.id, 'key', x.key, 'title', x.title, 'health', 'LATE', 'status', x.status,
          'percentComplete', x.percent_complete, 'programCode', x.program_code, 'programName', p.name,
          'unitCode', x.unit_code, 'unitName', u.name)
        ORDER BY x.program_code COLLATE "C", x.key COLLATE "C", x.unit_code COLLATE "C", x.id), '[]')
      FROM page x JOIN program p ON p.id = x.program_id JOIN unit u ON u.id = x.unit_id)
  ) AS answer`;

/**
 * Q4: the live queue (OPEN, ACKNOWLEDGED) worst first: highest level, oldest
 * condition, id; the top 50 chosen on the escalation table alone, then joined.
 */
const Q4 = `SELECT json_build_object(
    'totalCount', (SELECT count(*)::int FROM escalation e WHERE e.state IN ('OPEN', 'ACKNOWLEDGED')),
    'nodes', (
      SELECT COALESCE(json_agg(json_build_object(
          'id', x.id, 'level', x.level, 'reason', x.reason, 'state', x.state, 'ageDays', x.age_days,
          'key', pi.key, 'programCode', p.code, 'unitCode', u.code, 'unitName', u.name)
        ORDER BY x.rank DESC, x.age_days DESC, x.id DESC), '[]')
      FROM (
        SELECT e.id, e.milestone_id, e.level, e.reason, e.state, e.age_days,
               array_position(${LEVELS}, e.level) AS rank
        FROM escalation e WHERE e.state IN ('OPEN', 'ACKNOWLEDGED')
        ORDER BY rank DESC, e.age_days DESC, e.id DESC
        LIMIT 50) x
      JOIN milestone m ON m.id = x.milestone_id
      JOIN plan_item pi ON pi.id = m.plan_item_id
      JOIN program p ON p.id = m.program_id
      JOIN unit u ON u.id = m.unit_id)
  ) AS answer`;

/**
 * Q6: Q1 and Q2 as they stood at the end of $1, a year back: the same two
 * statements, as subqueries, over CTEs that shadow plan_item and milestone with
 * that day's state: the plan version then in force (items it had dropped read
 * CANCELLED), each milestone's last applied report by seq dated (Hà Nội day)
 * on or before $1, in one DISTINCT ON pass over the ledger, and each escalation
 * as its last event by then left it. The bench's units never merge: no
 * successor state to derive.
 */
const Q6 = `WITH as_of_version AS MATERIALIZED (
    SELECT DISTINCT ON (pv.program_id) pv.program_id, pv.version, pv.items FROM plan_version pv
    WHERE pv.published_at < (($1::date + 1)::timestamp - interval '7 hours') AT TIME ZONE 'UTC'
    ORDER BY pv.program_id, pv.version DESC
  ),
  plan_item AS MATERIALIZED (
    SELECT pi.id, pi.program_id, pi.key, pi.title, pi.scope, x.key IS NULL AS dropped,
      COALESCE(x."baselineDue", pi.baseline_due) AS baseline_due, COALESCE(x.weight, pi.weight) AS weight,
      CASE WHEN x.key IS NULL THEN pi.depends_on ELSE ARRAY(SELECT jsonb_array_elements_text(x."dependsOn")) END AS depends_on
    FROM as_of_version v JOIN plan_item pi ON pi.program_id = v.program_id AND pi.added_in_version <= v.version
    LEFT JOIN LATERAL jsonb_to_recordset(v.items) AS x(key text, "baselineDue" date, weight float8, "dependsOn" jsonb)
      ON x.key = pi.key
  ),
  milestone AS MATERIALIZED (
    SELECT m.id, m.program_id, m.plan_item_id, m.unit_id,
      CASE WHEN pi.dropped THEN 'CANCELLED' ELSE COALESCE(r.status, 'NOT_STARTED') END AS status,
      COALESCE(r.percent_complete, 0) AS percent_complete, r.forecast_due, r.completed_on
    FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
    JOIN unit u ON u.id = m.unit_id AND (u.valid_from IS NULL OR u.valid_from <= $1::date)
      AND (u.valid_to IS NULL OR u.valid_to >= $1::date)
    LEFT JOIN (
      SELECT DISTINCT ON (mu.milestone_id) mu.milestone_id, mu.status, mu.percent_complete, mu.forecast_due, mu.completed_on
      FROM milestone_update mu
      WHERE mu.outcome = 'APPLIED' AND mu.reported_at < (($1::date + 1)::timestamp - interval '7 hours') AT TIME ZONE 'UTC'
      ORDER BY mu.milestone_id, mu.seq DESC
    ) r ON r.milestone_id = m.id
  ),
  escalation AS MATERIALIZED (
    SELECT e.id, e.milestone_id, ev.level,
      CASE WHEN ev.kind IN ('RESOLVED', 'AUTO_RESOLVED') THEN 'RESOLVED' ELSE 'OPEN' END AS state
    FROM escalation e CROSS JOIN LATERAL (
      SELECT ee.kind, ee.level FROM escalation_event ee
      WHERE ee.escalation_id = e.id AND ee.at < (($1::date + 1)::timestamp - interval '7 hours') AT TIME ZONE 'UTC'
      ORDER BY ee.at DESC, ee.id DESC LIMIT 1) ev
  )
  SELECT json_build_object('dashboard', (${Q1}), 'board', (${Q2})) AS answer`;

/**
 * Q5, the indicator dashboard: each unit's latest applied value per month (the
 * highest seq), summed per indicator and month up to the central date's month,
 * with the provinces owing each month (existing on its last day); and the ranked
 * indicator's provinces for its latest month against its next target. The
 * projection, a least-squares line through six points, is the domain's own
 * function applied to this series (finishQ5): no database work to save there.
 * $1 the central date, $2 the ranked indicator's code.
 */
const Q5 = `
  WITH latest AS MATERIALIZED (
    SELECT DISTINCT ON (v.indicator_id, v.node_unit_id, v.period)
      v.indicator_id, v.node_unit_id, v.period, v.numerator, v.denominator
    FROM indicator_value v WHERE v.outcome = 'APPLIED'
    ORDER BY v.indicator_id, v.node_unit_id, v.period, v.seq DESC
  ),
  months AS (
    SELECT p.period, ((p.period || '-01')::date + interval '1 month' - interval '1 day')::date AS last_day
    FROM (SELECT DISTINCT period FROM latest) p
  ),
  owing AS (
    SELECT mo.period, u.id AS unit_id, u.code, u.name FROM months mo JOIN unit u ON u.kind = 'PROVINCE'
      AND (u.valid_from IS NULL OR u.valid_from <= mo.last_day) AND (u.valid_to IS NULL OR u.valid_to >= mo.last_day)
  ),
  national AS (
    SELECT l.indicator_id, l.period, sum(l.numerator) AS numerator, sum(l.denominator) AS denominator,
      count(*)::int AS reporting_units, (SELECT count(*)::int FROM owing o WHERE o.period = l.period) AS expected_units
    FROM latest l WHERE l.period <= to_char($1::date, 'YYYY-MM') GROUP BY l.indicator_id, l.period
  ),
  ranked AS (
    SELECT i.id, i.kind, (SELECT max(l.period) FROM latest l WHERE l.indicator_id = i.id) AS period,
      COALESCE(
        (SELECT t.value FROM indicator_target t WHERE t.indicator_id = i.id AND t.due >= $1::date ORDER BY t.due LIMIT 1),
        (SELECT t.value FROM indicator_target t WHERE t.indicator_id = i.id ORDER BY t.due DESC LIMIT 1)) AS target
    FROM indicator i WHERE i.code = $2
  ),
  ranked_rows AS (
    SELECT o.code, o.name, r.period, l.numerator,
      CASE WHEN r.kind = 'RATIO' THEN l.denominator END AS denominator,
      CASE WHEN r.kind = 'COUNT' THEN l.numerator WHEN l.denominator > 0 THEN l.numerator / l.denominator END AS value,
      o.unit_id, r.target
    FROM ranked r JOIN owing o ON o.period = r.period
    LEFT JOIN latest l ON l.indicator_id = r.id AND l.node_unit_id = o.unit_id AND l.period = r.period
  )
  SELECT json_build_object(
    'indicators', (SELECT COALESCE(json_agg(json_build_object(
      'code', i.code, 'kind', i.kind,
      'targets', (SELECT json_agg(json_build_object('value', t.value, 'due', t.due) ORDER BY t.due)
                  FROM indicator_target t WHERE t.indicator_id = i.id),
      'series', (SELECT COALESCE(json_agg(json_build_object(
          'period', n.period, 'numerator', n.numerator,
          'denominator', CASE WHEN i.kind = 'RATIO' THEN n.denominator END,
          'value', CASE WHEN i.kind = 'COUNT' THEN n.numerator WHEN n.denominator > 0 THEN n.numerator / n.denominator END,
          'reportingUnits', n.reporting_units, 'expectedUnits', n.expected_units) ORDER BY n.period), '[]')
        FROM national n WHERE n.indicator_id = i.id)
      ) ORDER BY i.code COLLATE "C"), '[]') FROM indicator i),
    'indicator', (SELECT json_build_object('byProvince', COALESCE(json_agg(json_build_object(
        'unit', json_build_object('code', rr.code, 'name', rr.name),
        'figure', json_build_object('period', rr.period, 'value', rr.value, 'numerator', rr.numerator,
          'denominator', rr.denominator),
        'gapToTarget', rr.target - rr.value)
      ORDER BY rr.target - rr.value DESC NULLS LAST, rr.unit_id), '[]')) FROM ranked_rows rr)
  ) AS answer`;

interface FloorQ5 {
  indicators: {
    code: string;
    kind: string;
    targets: Target[] | null;
    series: NationalFigure[];
  }[];
  indicator: ApiQ5['indicator'];
}

/** The domain's projection over the floor's series, then Q5's canonical form. */
function finishQ5(answer: FloorQ5, today: string): Canonical {
  return canonicalQ5({
    indicators: answer.indicators.map((i) => ({
      code: i.code,
      kind: i.kind,
      projection: project(i.series, i.targets ?? [], today),
    })),
    indicator: answer.indicator,
  });
}

/** Q2's program, as the API document names it. */
export const BOARD_PROGRAM = 'LAND';

const STATEMENTS: Record<
  Workload,
  {
    sql: string;
    params: (today: string) => unknown[];
    /** What is left to do on the statement's answer, if anything. */
    finish?: (answer: never, today: string) => Canonical;
  }
> = {
  Q1: { sql: Q1, params: (today) => [today] },
  Q2: { sql: Q2, params: (today) => [today, BOARD_PROGRAM] },
  Q3: { sql: Q3, params: (today) => [today] },
  Q4: { sql: Q4, params: () => [] },
  Q5: { sql: Q5, params: (today) => [today, Q5_RANKED], finish: finishQ5 },
  Q6: { sql: Q6, params: () => [BENCH_A_YEAR_BACK, BOARD_PROGRAM] },
};

/** The SQL statements one floor answer takes. */
export function floorStatements(_workload: Workload): number {
  return 1;
}

/** The SQL text of a workload, for EXPLAIN and for the record of what the floor ran. */
export function floorSql(workload: Workload): string {
  return STATEMENTS[workload].sql;
}

/** The canonical answer of `workload` for the central date `today`, straight from PostgreSQL. */
export async function floorAnswer(
  workload: Workload,
  pool: Pool,
  today: string,
  prepared = true,
): Promise<Canonical> {
  const { sql, params, finish } = STATEMENTS[workload];
  // a named statement is parsed once per connection (and its plan may be cached), as a tuned client does;
  // not on PGlite, whose connections all share its one session (the names would collide)
  const { rows } = await pool.query<{ answer: Canonical }>({
    name: prepared ? `floor-${workload}` : undefined,
    text: sql,
    values: params(today),
  });
  return finish ? finish(rows[0].answer as never, today) : rows[0].answer;
}
