/**
 * The history of every milestone, written in one set-based statement: the
 * dataset is `historyUpdates` applied reports spread over all milestones, each
 * node's seqs strictly increasing, each milestone ending in a state chosen by a
 * hash of the seed and its identity (so a seed gives the same dataset every time).
 * A milestone's k reports are spread evenly over the two years before its last
 * one, so that a board as of a year back (Q6) reads a real history at any scale.
 * $1 seed, $2 total updates, $3 the central date.
 */
export const HISTORY_SQL = `
  WITH ms AS (
    SELECT m.id, m.unit_id AS node, p.code AS program_code, pi.key, u.code AS unit_code, pi.baseline_due,
           (row_number() OVER (ORDER BY p.code, pi.key, u.code) - 1)::int AS idx,
           abs(hashtext($1 || '/' || p.code || '/' || pi.key || '/' || u.code)) AS h
    FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
    JOIN program p ON p.id = m.program_id JOIN unit u ON u.id = m.unit_id
  ),
  -- final state by h % 100: 30% done, 10% blocked, 45% in progress, 15% not started
  final AS (
    SELECT ms.*,
      (($2::bigint / n.total) + CASE WHEN ms.idx < $2::bigint % n.total THEN 1 ELSE 0 END)::int AS k,
      CASE WHEN ms.h % 100 < 30 THEN 'DONE' WHEN ms.h % 100 < 40 THEN 'BLOCKED'
           WHEN ms.h % 100 < 85 THEN 'IN_PROGRESS' ELSE 'NOT_STARTED' END AS final_status,
      CASE WHEN ms.h % 100 < 30 THEN 100 WHEN ms.h % 100 < 85 THEN 10 + ((ms.h / 100) % 85)::int ELSE 0 END AS final_pct,
      ($3::date - ((ms.h / 7) % 30)::int) AS last_day
    FROM ms, (SELECT count(*) AS total FROM ms) n
  )
  INSERT INTO milestone_update (node_unit_id, idempotency_key, seq, milestone_id, program_code, key, unit_code,
    outcome, status, percent_complete, forecast_due, completed_on, blocker, note, reported_by, reported_at, received_at)
  SELECT f.node, 'gen-' || f.idx || '-' || g.j,
    (row_number() OVER (PARTITION BY f.node ORDER BY g.j, f.idx))::int,
    f.id, f.program_code, f.key, f.unit_code, 'APPLIED',
    CASE WHEN g.j = f.k THEN f.final_status WHEN f.final_status = 'NOT_STARTED' THEN 'NOT_STARTED' ELSE 'IN_PROGRESS' END,
    CASE WHEN g.j = f.k THEN f.final_pct ELSE LEAST(99, (f.final_pct * g.j) / f.k) END,
    CASE WHEN g.j = f.k AND f.final_status = 'IN_PROGRESS' AND f.h % 7 = 0 THEN f.baseline_due + (1 + f.h % 60)::int END,
    CASE WHEN g.j = f.k AND f.final_status = 'DONE' THEN f.last_day - (f.h % 5)::int END,
    CASE WHEN g.j = f.k AND f.final_status = 'BLOCKED' THEN 'Chờ kinh phí và nhân lực' END,
    NULL, 'bench', (f.last_day - (f.k - g.j) * 730 / f.k)::timestamp + interval '1 hour' + make_interval(secs => f.idx % 3600),
    (f.last_day - (f.k - g.j) * 730 / f.k)::timestamp + interval '1 hour 5 minutes' + make_interval(secs => f.idx % 3600)
  FROM final f, generate_series(1, f.k) AS g(j)`;

/** The plans were published before the history began: two years and a month before $1, the central date. */
export const PLANS_PUBLISHED_SQL = `
  UPDATE plan_version SET published_at = ($1::date - interval '25 months')::timestamp AT TIME ZONE 'UTC'`;

/** Each milestone as its last applied report left it. */
export const CURRENT_STATE_SQL = `
  UPDATE milestone m SET status = x.status, percent_complete = x.percent_complete, forecast_due = x.forecast_due,
    completed_on = x.completed_on, blocker = x.blocker, version = x.seq, last_reported_at = x.reported_at,
    blocked_since = CASE WHEN x.status = 'BLOCKED' THEN x.reported_at END
  FROM (SELECT DISTINCT ON (milestone_id) * FROM milestone_update ORDER BY milestone_id, seq DESC) x
  WHERE m.id = x.milestone_id`;

export const NODE_LEDGER_SQL = `
  INSERT INTO node_sync (unit_id, highest_seq, applied_count, rejected_count, last_sync_at)
  SELECT node_unit_id, max(seq), count(*), 0, max(received_at)
  FROM (SELECT node_unit_id, seq, received_at FROM milestone_update
        UNION ALL SELECT node_unit_id, seq, received_at FROM indicator_value) ledger
  GROUP BY node_unit_id
  ON CONFLICT (unit_id) DO UPDATE SET highest_seq = EXCLUDED.highest_seq,
    applied_count = EXCLUDED.applied_count, last_sync_at = EXCLUDED.last_sync_at`;

/** Reporting units beyond the 63 provinces (x10): $1 how many, numbered after 100. */
export const SYNTHETIC_PROVINCES_SQL = `
  INSERT INTO unit (code, name, name_folded, kind, region, valid_from)
  SELECT 'T' || lpad(n::text, 3, '0'), 'Tỉnh thử nghiệm ' || n, 'tinh thu nghiem ' || n, 'PROVINCE', 'Thử nghiệm', NULL
  FROM generate_series(1, $1::int) AS n`;

/**
 * Each province's monthly values of every indicator for the 23 months before the
 * central date's (2024-07 to 2026-05), as nodes report them: integer numerators
 * and denominators (so every server's sums are exact), one report in ten
 * corrected by a second, higher seq. Seqs continue each node's after its
 * milestone history: one seq space per node. $1 seed.
 */
export const INDICATOR_VALUES_SQL = `
  WITH months AS (
    SELECT m::date AS first_day, k::int AS k
    FROM generate_series('2024-07-01'::date, '2026-05-01'::date, interval '1 month') WITH ORDINALITY AS g(m, k)
  ),
  reports AS (
    SELECT u.id AS node, u.code AS unit_code, i.id AS indicator_id, i.code AS indicator_code, i.kind,
      mo.first_day, mo.k, r.n,
      300 + abs(hashtext($1 || '/' || u.code)) % 1700 + mo.k * 3 AS services,
      0.6 + (abs(hashtext($1 || '/' || u.code || '/' || i.code)) % 80) / 100.0 AS pace
    FROM unit u CROSS JOIN indicator i CROSS JOIN months mo
    CROSS JOIN LATERAL (SELECT 1 AS n UNION ALL SELECT 2
      WHERE abs(hashtext($1 || '/' || u.code || '/' || i.code || '/' || mo.k)) % 10 = 0) r
    WHERE u.kind = 'PROVINCE'
  )
  INSERT INTO indicator_value (node_unit_id, idempotency_key, seq, indicator_id, indicator_code, unit_code,
    period, numerator, denominator, outcome, reported_at, received_at)
  SELECT r.node, 'gen-' || r.indicator_code || '-' || r.k || '-' || r.n,
    COALESCE(h.top, 0) + row_number() OVER (PARTITION BY r.node ORDER BY r.k, r.indicator_code, r.n),
    r.indicator_id, r.indicator_code, r.unit_code, to_char(r.first_day, 'YYYY-MM'),
    CASE WHEN r.kind = 'COUNT' THEN (r.services * 60 * r.k * r.pace)::bigint + r.n - 1
         ELSE LEAST(r.services, floor(r.services * (0.04 + 0.006 * r.k) * r.pace) + r.n - 1) END,
    CASE WHEN r.kind = 'RATIO' THEN r.services END,
    'APPLIED',
    (r.first_day + interval '1 month 2 days 9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' + make_interval(mins => r.n),
    (r.first_day + interval '1 month 2 days 9 hours 5 minutes') AT TIME ZONE 'Asia/Ho_Chi_Minh' + make_interval(mins => r.n)
  FROM reports r
  LEFT JOIN (SELECT node_unit_id, max(seq) AS top FROM milestone_update GROUP BY node_unit_id) h ON h.node_unit_id = r.node`;
