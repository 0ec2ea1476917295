import { sql } from './database';

/** History rows nodes pushed (the demo's own history has seqs below zero) and node counters, from the tables. */
export async function ledger() {
  const [{ updates }] = await sql<{ updates: number }>(
    `SELECT count(*)::int AS updates FROM milestone_update WHERE seq > 0`,
  );
  const nodes = await sql<{
    code: string;
    highest_seq: number;
    applied_count: number;
    rejected_count: number;
  }>(
    `SELECT u.code, n.highest_seq, n.applied_count, n.rejected_count FROM node_sync n JOIN unit u ON u.id = n.unit_id ORDER BY u.code`,
  );
  return { updates, nodes };
}

export async function milestoneState(programCode: string, key: string, unitCode: string) {
  const [row] = await sql<{
    status: string;
    percent_complete: number;
    version: number;
    blocker: string | null;
    completed_on: string | null;
  }>(
    `SELECT m.status, m.percent_complete, m.version, m.blocker, m.completed_on FROM milestone m
     JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id JOIN unit u ON u.id = m.unit_id
     WHERE p.code = $1 AND pi.key = $2 AND u.code = $3`,
    [programCode, key, unitCode],
  );
  return row;
}

/**
 * What the centre recorded from a node, by seq: every update and indicator value it
 * pushed (one seq space), with how many rows each seq has, so a test sees both a lost
 * report (a missing seq) and a doubled one (a count of 2).
 */
export async function recordedBySeq(nodeCode: string) {
  return sql<{ seq: number; kind: 'update' | 'value'; rows: number; outcome: string }>(
    `SELECT seq, kind, count(*)::int AS rows, min(outcome) AS outcome FROM (
       SELECT mu.seq, 'update' AS kind, mu.outcome FROM milestone_update mu
         JOIN unit u ON u.id = mu.node_unit_id WHERE u.code = $1 AND mu.seq > 0
       UNION ALL
       SELECT v.seq, 'value' AS kind, v.outcome FROM indicator_value v
         JOIN unit u ON u.id = v.node_unit_id WHERE u.code = $1 AND v.seq > 0
     ) pushed GROUP BY seq, kind ORDER BY seq, kind`,
    [nodeCode],
  );
}
