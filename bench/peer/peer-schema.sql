-- The peer's nearest equivalents of the bench's read workloads, for PostGraphile 4
-- to expose from the schema bench_peer (bench/peer/server.js). Applied to the bench
-- database before the peer starts (applyPeerSchema in bench/src/answers/peer.ts).
--
-- Idempotent the simplest robust way: the schema is the peer's alone, so it is
-- dropped and built again in one transaction; a changed composite type or return
-- type then never meets the old one (CREATE OR REPLACE cannot change those).
-- Nothing outside bench_peer is touched: the tables stay as the migrations made them.
--
-- The rules are the domain's (libs/domain/src/health.ts, rollup.ts), written as a
-- PostGraphile user would: SQL functions, STABLE so that PostgreSQL can inline them
-- into the query PostGraphile wraps around them. Health travels as its severity
-- rank, worst first: 0 BLOCKED, 1 LATE, 2 AT_RISK, 3 ON_TRACK, 4 DONE.
-- Helpers carry the smart comment @omit: they are not part of the peer's API.

BEGIN;

-- the first run has nothing to drop, a later one drops a dozen objects: neither is news
SET LOCAL client_min_messages = warning;

DROP SCHEMA IF EXISTS bench_peer CASCADE;
CREATE SCHEMA bench_peer;

COMMENT ON SCHEMA bench_peer IS 'The bench''s PostGraphile peer: read functions over the tracker''s tables.';

CREATE TYPE bench_peer.progress AS (
  percent_complete double precision,
  total integer,
  done integer,
  late integer,
  blocked integer,
  at_risk integer,
  on_track integer,
  on_time_rate double precision
);

CREATE TYPE bench_peer.program_summary AS (
  code text,
  name text,
  health text,
  open_escalations integer,
  progress bench_peer.progress
);

CREATE TYPE bench_peer.province_summary AS (
  code text,
  name text,
  health text,
  progress bench_peer.progress
);

CREATE TYPE bench_peer.level_count AS (
  level text,
  count integer
);

-- Every live (not CANCELLED) milestone with its health rank for `today`: the rules
-- of computeHealth; rule 4's dependency test as two hash-joined sets (plan items put
-- at risk by a CENTRAL dependency; (plan item, unit) pairs by the same unit's
-- PROVINCE dependency), a dependency holding up when BLOCKED or open past its baseline.
CREATE FUNCTION bench_peer.live_facts(today date)
RETURNS TABLE (
  program_id uuid,
  unit_id uuid,
  status text,
  weight double precision,
  percent_complete integer,
  completed_on date,
  baseline_due date,
  rank integer
)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH hold AS (
    SELECT pi.id AS plan_item_id, CASE WHEN dpi.scope = 'CENTRAL' THEN NULL ELSE dm.unit_id END AS unit_id
    FROM public.plan_item pi
    JOIN public.plan_item dpi ON dpi.program_id = pi.program_id AND dpi.key = ANY (pi.depends_on)
    JOIN public.milestone dm ON dm.plan_item_id = dpi.id
    WHERE cardinality(pi.depends_on) > 0
      AND (dm.status = 'BLOCKED' OR (dm.status NOT IN ('DONE', 'CANCELLED') AND today > dpi.baseline_due))
  ),
  risk_all AS (SELECT DISTINCT h.plan_item_id FROM hold h WHERE h.unit_id IS NULL),
  risk_unit AS (SELECT DISTINCT h.plan_item_id, h.unit_id FROM hold h WHERE h.unit_id IS NOT NULL)
  SELECT m.program_id, m.unit_id, m.status, pi.weight, m.percent_complete, m.completed_on, pi.baseline_due,
    CASE
      WHEN m.status = 'DONE' THEN 4
      WHEN m.status = 'BLOCKED' THEN 0
      WHEN today > pi.baseline_due THEN 1
      WHEN m.forecast_due > pi.baseline_due OR ra.plan_item_id IS NOT NULL OR ru.plan_item_id IS NOT NULL THEN 2
      ELSE 3
    END
  FROM public.milestone m
  JOIN public.plan_item pi ON pi.id = m.plan_item_id
  LEFT JOIN risk_all ra ON ra.plan_item_id = m.plan_item_id
  LEFT JOIN risk_unit ru ON ru.plan_item_id = m.plan_item_id AND ru.unit_id = m.unit_id
  WHERE m.status <> 'CANCELLED'
$$;
COMMENT ON FUNCTION bench_peer.live_facts(date) IS E'@omit';

-- rollUp's Progress from its sums. round2/round4 are Math.round(x * 100) / 100 on
-- doubles: the same float8 arithmetic here, not numeric round(), whose ties differ.
CREATE FUNCTION bench_peer.progress_of(
  weighted double precision, weights double precision, total integer, done integer, late integer,
  blocked integer, at_risk integer, on_track integer, due integer, on_time integer
)
RETURNS bench_peer.progress
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ROW(
    CASE WHEN weights > 0 THEN floor(weighted / weights * 100 + 0.5) / 100 ELSE 0 END,
    COALESCE(total, 0), COALESCE(done, 0), COALESCE(late, 0), COALESCE(blocked, 0),
    COALESCE(at_risk, 0), COALESCE(on_track, 0),
    CASE WHEN due > 0 THEN floor(on_time::float8 / due * 10000 + 0.5) / 10000 END
  )::bench_peer.progress
$$;
COMMENT ON FUNCTION bench_peer.progress_of(double precision, double precision, integer, integer, integer, integer, integer, integer, integer, integer) IS E'@omit';

-- A health name from its rank (ON_TRACK for none).
CREATE FUNCTION bench_peer.health_name(rank integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (ARRAY['BLOCKED', 'LATE', 'AT_RISK', 'ON_TRACK', 'DONE'])[COALESCE(rank, 3) + 1]
$$;
COMMENT ON FUNCTION bench_peer.health_name(integer) IS E'@omit';

-- Q1, the programs: each program's roll-up, its health by the 10% rule
-- (programHealth, shares compared as doubles) and its live escalations.
CREATE FUNCTION bench_peer.dashboard_programs(today date)
RETURNS SETOF bench_peer.program_summary
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH agg AS (
    SELECT f.program_id,
      count(*)::int AS total,
      count(*) FILTER (WHERE f.rank = 4)::int AS done,
      count(*) FILTER (WHERE f.rank = 1)::int AS late,
      count(*) FILTER (WHERE f.rank = 0)::int AS blocked,
      count(*) FILTER (WHERE f.rank = 2)::int AS at_risk,
      count(*) FILTER (WHERE f.rank = 3)::int AS on_track,
      sum(f.weight * CASE WHEN f.status = 'DONE' THEN 100 ELSE f.percent_complete END) AS weighted,
      sum(f.weight) AS weights,
      count(*) FILTER (WHERE f.baseline_due < today)::int AS due,
      count(*) FILTER (WHERE f.baseline_due < today AND f.status = 'DONE' AND f.completed_on <= f.baseline_due)::int AS on_time
    FROM bench_peer.live_facts(today) f
    GROUP BY f.program_id
  ),
  esc AS (
    SELECT m.program_id, count(*)::int AS n
    FROM public.escalation e JOIN public.milestone m ON m.id = e.milestone_id
    WHERE e.state <> 'RESOLVED'
    GROUP BY m.program_id
  )
  SELECT p.code, p.name,
    CASE
      WHEN COALESCE(a.total, 0) = 0 THEN 'ON_TRACK'
      WHEN a.done = a.total THEN 'DONE'
      WHEN a.blocked::float8 / a.total >= 0.1 THEN 'BLOCKED'
      WHEN a.late::float8 / a.total >= 0.1 THEN 'LATE'
      WHEN a.at_risk::float8 / a.total >= 0.1 THEN 'AT_RISK'
      ELSE 'ON_TRACK'
    END,
    COALESCE(e.n, 0),
    bench_peer.progress_of(a.weighted, a.weights, a.total, a.done, a.late, a.blocked, a.at_risk, a.on_track, a.due, a.on_time)
  FROM public.program p
  LEFT JOIN agg a ON a.program_id = p.id
  LEFT JOIN esc e ON e.program_id = p.id
  ORDER BY p.code COLLATE "C"
$$;

-- Q1, live escalations by level, every level in the domain's order, lowest first.
CREATE FUNCTION bench_peer.escalations_by_level()
RETURNS SETOF bench_peer.level_count
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT l.level, (SELECT count(*)::int FROM public.escalation e WHERE e.state <> 'RESOLVED' AND e.level = l.level)
  FROM unnest(ARRAY['DEPARTMENT', 'UNIT_LEADERSHIP', 'MINISTRY', 'MINISTER', 'GOVERNMENT']) WITH ORDINALITY AS l(level, ord)
  ORDER BY l.ord
$$;

-- Q1, every province that exists on `today`, worst first (laggingFirst: late +
-- blocked milestones across all programs, then worst health, then code); the
-- client takes the first N.
CREATE FUNCTION bench_peer.lagging_provinces(today date)
RETURNS SETOF bench_peer.province_summary
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH prov AS (
    SELECT u.id, u.code, u.name FROM public.unit u
    WHERE u.kind = 'PROVINCE' AND (u.valid_from IS NULL OR u.valid_from <= today)
      AND (u.valid_to IS NULL OR u.valid_to >= today)
  ),
  agg AS (
    SELECT f.unit_id,
      count(*)::int AS total,
      count(*) FILTER (WHERE f.rank = 4)::int AS done,
      count(*) FILTER (WHERE f.rank = 1)::int AS late,
      count(*) FILTER (WHERE f.rank = 0)::int AS blocked,
      count(*) FILTER (WHERE f.rank = 2)::int AS at_risk,
      count(*) FILTER (WHERE f.rank = 3)::int AS on_track,
      min(f.rank) AS worst,
      sum(f.weight * CASE WHEN f.status = 'DONE' THEN 100 ELSE f.percent_complete END) AS weighted,
      sum(f.weight) AS weights,
      count(*) FILTER (WHERE f.baseline_due < today)::int AS due,
      count(*) FILTER (WHERE f.baseline_due < today AND f.status = 'DONE' AND f.completed_on <= f.baseline_due)::int AS on_time
    FROM bench_peer.live_facts(today) f
    WHERE f.unit_id IN (SELECT id FROM prov)
    GROUP BY f.unit_id
  )
  SELECT prov.code, prov.name, bench_peer.health_name(a.worst),
    bench_peer.progress_of(a.weighted, a.weights, a.total, a.done, a.late, a.blocked, a.at_risk, a.on_track, a.due, a.on_time)
  FROM prov LEFT JOIN agg a ON a.unit_id = prov.id
  ORDER BY COALESCE(a.late + a.blocked, 0) DESC, COALESCE(a.worst, 3), prov.code COLLATE "C"
$$;

-- Q3: milestones whose health is LATE (open work past its baseline: rule 3 needs
-- no dependency), in the API's order: program code, key, unit code byte-wise, id.
CREATE FUNCTION bench_peer.late_milestones(today date)
RETURNS SETOF public.milestone
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT m.*
  FROM public.milestone m
  JOIN public.plan_item pi ON pi.id = m.plan_item_id
  JOIN public.program p ON p.id = m.program_id
  JOIN public.unit u ON u.id = m.unit_id
  WHERE m.status NOT IN ('DONE', 'BLOCKED', 'CANCELLED') AND today > pi.baseline_due
  ORDER BY p.code COLLATE "C", pi.key COLLATE "C", u.code COLLATE "C", m.id
$$;

-- Q4: the live queue (OPEN and ACKNOWLEDGED) worst first: highest level, oldest
-- condition, then id, as the API pages it.
CREATE FUNCTION bench_peer.escalation_queue()
RETURNS SETOF public.escalation
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT e.*
  FROM public.escalation e
  WHERE e.state IN ('OPEN', 'ACKNOWLEDGED')
  ORDER BY array_position(ARRAY['DEPARTMENT', 'UNIT_LEADERSHIP', 'MINISTRY', 'MINISTER', 'GOVERNMENT'], e.level) DESC,
    e.age_days DESC, e.id DESC
$$;

COMMIT;
