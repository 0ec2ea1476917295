import { Fault } from './faults';
import { Death } from './supervised';
import { Read } from './traffic';
import { percentile } from './verdict-checks';

export interface ReadFigures {
  reads: number;
  answeredShare: number;
  p50Ms: number;
  p99Ms: number;
  /** Failed reads by why they failed. */
  failures: Record<string, number>;
}

export function readFigures(reads: Read[]): ReadFigures {
  const ok = reads.filter((r) => r.ok);
  return {
    reads: reads.length,
    answeredShare: reads.length ? ok.length / reads.length : 0,
    p50Ms: percentile(
      ok.map((r) => r.ms),
      50,
    ),
    p99Ms: percentile(
      ok.map((r) => r.ms),
      99,
    ),
    failures: reads.reduce<Record<string, number>>((acc, r) => {
      if (r.why) acc[r.why] = (acc[r.why] ?? 0) + 1;
      return acc;
    }, {}),
  };
}

/** A fault's window: from the fault until the outboxes drained (or the next fault began). */
export function inFaultWindow(faults: Fault[], at: number, start: number): boolean {
  return faults.some((f, i) => {
    const from = start + f.at;
    const to =
      start + (f.drainedMs !== undefined ? f.at + f.drainedMs : (faults[i + 1]?.at ?? Infinity));
    return at >= from && at <= to;
  });
}

export interface SoakResult {
  passed: boolean;
  problems: string[];
  settings: Record<string, unknown>;
  durationS: number;
  reports: {
    acceptedByNodes: number;
    failedAtNodes: number;
    monthEndBurst: number;
    recordedAtCentre: number;
    appliedAtCentre: number;
    appliedPerSecond: number;
  };
  deepestOutbox: { total: number; oneNode: number };
  drainAtEndS: number;
  faults: Fault[];
  reads: { all: ReadFigures; duringFaults: ReadFigures; calm: ReadFigures };
  deaths: Omit<Death, 'tail'>[];
}

const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function printable(r: SoakResult): string {
  const lines = [
    `soak ${r.passed ? 'PASSED' : 'FAILED'} after ${r.durationS} s with ${String(r.settings.nodes)} nodes`,
    `reports: ${r.reports.acceptedByNodes} accepted by the nodes (${r.reports.monthEndBurst} in the month's-end burst), ${r.reports.failedAtNodes} refused while a node was down; at the centre ${r.reports.recordedAtCentre} recorded, ${r.reports.appliedAtCentre} applied (${r.reports.appliedPerSecond.toFixed(1)}/s)`,
    `deepest outbox: ${r.deepestOutbox.total} in all, ${r.deepestOutbox.oneNode} on one node; drained ${r.drainAtEndS.toFixed(1)} s after the traffic stopped`,
    `reads: ${r.reads.all.reads} (${pct(r.reads.all.answeredShare)} answered, p99 ${r.reads.all.p99Ms} ms); during faults ${r.reads.duringFaults.reads} (${pct(r.reads.duringFaults.answeredShare)}, p99 ${r.reads.duringFaults.p99Ms} ms); calm ${r.reads.calm.reads} (${pct(r.reads.calm.answeredShare)}, p99 ${r.reads.calm.p99Ms} ms)`,
    `failed reads: ${
      Object.entries(r.reads.all.failures)
        .map(([why, n]) => `${n} ${why}`)
        .join(', ') || 'none'
    }`,
    'faults:',
    ...r.faults.map(
      (f) =>
        `  ${s(f.at).padStart(8)}  ${f.kind.padEnd(17)} ${f.target.padEnd(28)} ${f.notRun ? `NOT RUN: ${f.notRun}` : `recovered in ${s(f.recoveredMs)}, outboxes drained in ${s(f.drainedMs)} (depth before ${f.depthBefore ?? '?'})`}`,
    ),
    `process deaths: ${r.deaths.filter((d) => d.onPurpose).length} on purpose, ${r.deaths.filter((d) => !d.onPurpose).length} not`,
  ];
  if (r.problems.length) lines.push('problems:', ...r.problems.map((p) => `  - ${p}`));
  return lines.join('\n');
}
