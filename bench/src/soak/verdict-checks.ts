/** A report as one side of the sync knows it: the node's delivery record or the centre's history row. */
export interface LedgerRow {
  seq: number;
  idempotencyKey: string;
  outcome: string;
}

export interface NodeFacts {
  code: string;
  outboxLeft: number;
  /** node_state.next_seq: every seq below it was taken by a report. */
  nextSeq: number;
  delivered: LedgerRow[];
  milestones: MilestoneState[];
}

export interface MilestoneState {
  programCode: string;
  key: string;
  status: string;
  percentComplete: number;
  blocker: string | null;
}

export interface CentreFacts {
  history: LedgerRow[];
  milestones: MilestoneState[];
  /** Notes of the node's reports in the centre's history, one entry per row. */
  notes: string[];
}

/**
 * What must hold of one province once its outbox has drained, in words that say
 * what broke: nothing left to send; every seq the node took delivered once and
 * recorded once, with the same key and outcome; every report the office was
 * told was saved at the centre exactly once; the node's milestones are the
 * centre's. An empty list means the province passed.
 */
export function provinceProblems(
  node: NodeFacts,
  centre: CentreFacts,
  accepted: string[],
): string[] {
  const problems: string[] = [];
  const p = (s: string) => problems.push(`province ${node.code}: ${s}`);
  if (node.outboxLeft > 0) p(`${node.outboxLeft} report(s) still in the outbox`);

  const taken = node.nextSeq - 1;
  const deliveredSeqs = new Set(node.delivered.map((d) => d.seq));
  if (deliveredSeqs.size !== taken || node.delivered.some((d) => d.seq < 1 || d.seq > taken))
    p(`the node took seqs 1..${taken} but recorded ${deliveredSeqs.size} deliveries`);

  const bySeq = new Map<number, LedgerRow[]>();
  for (const row of centre.history) bySeq.set(row.seq, [...(bySeq.get(row.seq) ?? []), row]);
  const doubled = [...bySeq].filter(([, rows]) => rows.length > 1).map(([seq]) => seq);
  if (doubled.length) p(`the centre recorded seq ${doubled.slice(0, 5).join(', ')} more than once`);
  const keys = new Set(centre.history.map((r) => r.idempotencyKey));
  if (keys.size !== centre.history.length)
    p(`the centre recorded an idempotency key more than once`);
  const missing = node.delivered.filter((d) => !bySeq.has(d.seq)).map((d) => d.seq);
  if (missing.length) p(`the centre has no record of seq ${missing.slice(0, 5).join(', ')}`);
  const unknown = centre.history.filter((r) => !deliveredSeqs.has(r.seq)).map((r) => r.seq);
  if (unknown.length)
    p(`the centre holds seq ${unknown.slice(0, 5).join(', ')} the node never delivered`);
  for (const d of node.delivered) {
    const c = bySeq.get(d.seq)?.[0];
    if (c && (c.idempotencyKey !== d.idempotencyKey || c.outcome !== d.outcome)) {
      p(
        `seq ${d.seq}: node has ${d.idempotencyKey} ${d.outcome}, centre ${c.idempotencyKey} ${c.outcome}`,
      );
      break;
    }
  }

  const notes = new Map<string, number>();
  for (const n of centre.notes) notes.set(n, (notes.get(n) ?? 0) + 1);
  const lost = accepted.filter((n) => !notes.has(n));
  if (lost.length)
    p(`${lost.length} accepted report(s) never reached the centre, e.g. "${lost[0]}"`);
  const twice = accepted.filter((n) => (notes.get(n) ?? 0) > 1);
  if (twice.length) p(`${twice.length} accepted report(s) recorded twice, e.g. "${twice[0]}"`);

  const ref = (m: MilestoneState) => `${m.programCode}/${m.key}`;
  const central = new Map(centre.milestones.map((m) => [ref(m), m]));
  if (central.size !== node.milestones.length)
    p(`the node has ${node.milestones.length} milestones, the centre ${central.size}`);
  for (const m of node.milestones) {
    const c = central.get(ref(m));
    if (!c) p(`${ref(m)} is on the node but not at the centre`);
    else if (
      c.status !== m.status ||
      c.percentComplete !== m.percentComplete ||
      c.blocker !== m.blocker
    )
      p(`${ref(m)}: node ${describe(m)}, centre ${describe(c)}`);
  }
  return problems;
}

function describe(m: MilestoneState): string {
  return [m.status, `${m.percentComplete}%`, m.blocker].filter(Boolean).join(' ');
}

/** Nearest-rank percentile of `values` (0 when empty). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
