/**
 * W1 at the floor: the batch's rows into history and each milestone to its
 * latest report, in one statement, with none of the API's rules but
 * idempotency (ON CONFLICT) and order (a milestone only moves forward).
 * $1 the updates as JSON.
 */
export const FLOOR_PUSH_SQL = `
  WITH x AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("idempotencyKey" text, seq int, "programCode" text, key text,
      "unitCode" text, status text, "percentComplete" int, note text, "reportedAt" timestamptz)
  ), t AS (
    SELECT x.*, m.id AS milestone_id, u.id AS node FROM x
    JOIN unit u ON u.code = x."unitCode" AND u.kind = 'PROVINCE'
    JOIN program p ON p.code = x."programCode"
    JOIN plan_item pi ON pi.program_id = p.id AND pi.key = x.key
    JOIN milestone m ON m.plan_item_id = pi.id AND m.unit_id = u.id
  ), ins AS (
    INSERT INTO milestone_update (node_unit_id, idempotency_key, seq, milestone_id, program_code, key, unit_code,
      outcome, status, percent_complete, note, reported_by, reported_at, received_at)
    SELECT node, "idempotencyKey", seq, milestone_id, "programCode", key, "unitCode", 'APPLIED', status, "percentComplete",
      note, 'floor', "reportedAt", now()
    FROM t
    ON CONFLICT (node_unit_id, idempotency_key) DO NOTHING
    RETURNING node_unit_id, milestone_id, seq, status, percent_complete, note, reported_at
  ), latest AS (
    SELECT DISTINCT ON (milestone_id) * FROM ins ORDER BY milestone_id, seq DESC
  ), moved AS (
    UPDATE milestone m SET status = l.status, percent_complete = l.percent_complete, note = l.note,
      version = l.seq, last_reported_at = l.reported_at
    FROM latest l WHERE m.id = l.milestone_id AND m.version < l.seq
    RETURNING m.id
  ), ledger AS (
    UPDATE node_sync n SET highest_seq = GREATEST(n.highest_seq, s.top), applied_count = n.applied_count + s.n,
      last_sync_at = now()
    FROM (SELECT node_unit_id, max(seq) AS top, count(*)::int AS n FROM ins GROUP BY node_unit_id) s
    WHERE n.unit_id = s.node_unit_id
    RETURNING n.unit_id
  )
  SELECT (SELECT count(*) FROM ins)::int AS applied, (SELECT count(*) FROM x)::int AS received,
    (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM ledger)::int AS ledgers`;
