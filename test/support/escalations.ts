import { EscalationLevel, Role } from '@tracker/domain';
import { sql } from './database';

/** The escalation mutations, a leader's seat and a lookup that the escalation tests share. */
export const ACK = `mutation($id: ID!, $note: String) { acknowledgeEscalation(id: $id, note: $note) { id state acknowledgedBy acknowledgedAt level } }`;
export const RESOLVE = `mutation($id: ID!, $note: String!) { resolveEscalation(id: $id, note: $note) { id state note resolvedAt level } }`;

export const leader = (level: EscalationLevel, unit?: string) => ({
  role: Role.LEADER,
  level,
  unit,
});

/** The first live escalation matching the filter, straight from the table. */
export async function findOne(where: string, params: unknown[] = []) {
  const [row] = await sql<{ id: string; level: string }>(
    `SELECT e.id, e.level FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id
     JOIN plan_item pi ON pi.id = m.plan_item_id WHERE e.state <> 'RESOLVED' AND ${where} ORDER BY e.id LIMIT 1`,
    params,
  );
  return row;
}
