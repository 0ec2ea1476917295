import { PushingNode } from './load-config';

export const PUSH_MUTATION = `mutation($input: PushMilestoneUpdatesInput!) {
  pushMilestoneUpdates(input: $input) { highestAckedSeq results { outcome } } }`;

/**
 * The node's next batch: `size` reports on its milestones in turn, seqs
 * continuing its own, each an IN_PROGRESS report a little further along.
 */
export function nextBatch(node: PushingNode, size: number, reportedAt: string, runTag: string) {
  const updates = [];
  for (let i = 0; i < size; i += 1) {
    const seq = node.nextSeq++;
    const target = node.targets[seq % node.targets.length];
    updates.push({
      idempotencyKey: `${runTag}-${node.unitCode}-${seq}`,
      seq,
      programCode: target.programCode,
      key: target.key,
      unitCode: node.unitCode,
      status: 'IN_PROGRESS',
      percentComplete: 1 + (seq % 98),
      reportedAt,
      note: `Báo cáo định kỳ số ${seq}`,
    });
  }
  return updates;
}
