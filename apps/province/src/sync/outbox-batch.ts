/**
 * The next batch of the node's outbox: its two tables (progress reports, indicator
 * values) share one seq space, and the centre acknowledges up to the highest seq it
 * records, so a batch must be the lowest `limit` seqs of both together. Each list
 * comes in seq order, at most `limit` long.
 */
export function nextBatch<U extends { seq: number }, V extends { seq: number }>(
  updates: readonly U[],
  values: readonly V[],
  limit: number,
): { updates: U[]; values: V[] } {
  const seqs = [...updates, ...values].map((r) => r.seq).sort((a, b) => a - b);
  const last = seqs[Math.min(limit, seqs.length) - 1] ?? 0;
  return {
    updates: updates.filter((u) => u.seq <= last),
    values: values.filter((v) => v.seq <= last),
  };
}
