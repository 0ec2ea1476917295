import { DatasetSummary } from './dataset/generate';

export interface WorkloadFigures {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  floor_rps: number | null;
  peer_rps: number | null;
  sql_per_request: number | null;
  /** rps / floor_rps and rps / peer_rps. */
  ratio_to_floor: number | null;
  ratio_to_peer: number | null;
  floor_p99_ms: number | null;
  peer_p99_ms: number | null;
  floor_sql_per_request: number | null;
  /** W1 and M1: updates applied per second, by the API and by the floor. */
  updates_per_s?: number;
  floor_updates_per_s?: number;
}

/** The 2025 maps applied to the dataset once, after the workloads (reorganise-run.ts). */
export interface ReorganisationFigures {
  steps: {
    map: string;
    effectiveOn: string;
    dryRunMs: number;
    applyMs: number;
    endedUnits: number;
    newUnits: number;
    milestonesCarried: number;
    escalationsResolved: number;
    programsTransferred: number;
  }[];
  /** The first federated board's rows on 30 June and on 1 July 2025. */
  boardRowsBefore: number;
  boardRowsAfter: number;
}

export interface ScaleReport {
  dataset: DatasetSummary;
  database: string;
  peak_rss_mb: number;
  agreement: string[];
  workloads: Record<string, WorkloadFigures>;
  reorganisation?: ReorganisationFigures;
}

export interface BenchReport {
  generated_at: string;
  machine: { cpus: number; node: string };
  settings: {
    concurrency: number;
    w1_concurrency: number;
    seconds: number;
    warmup_seconds: number;
    runs: number;
  };
  scales: Record<string, ScaleReport>;
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n == null || Number.isNaN(n)
    ? '–'
    : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (n: number | null) => (n == null ? '–' : `${Math.round(n * 100)}%`);

/** The Markdown table the README quotes: one row per workload and scale. */
export function markdown(report: BenchReport): string {
  const lines: string[] = [];
  for (const [scale, r] of Object.entries(report.scales)) {
    const d = r.dataset;
    lines.push(
      `### ${scale} — ${r.database}: ${d.programs} programs, ${d.provinces} provinces, ` +
        `${fmt(d.milestones)} milestones, ${fmt(d.historyUpdates)} updates in history ` +
        `(generated in ${fmt(d.seconds, 1)} s); central peak RSS ${r.peak_rss_mb} MB`,
      '',
      '| workload | rps | p50 ms | p99 ms | errors | SQL/req | floor rps | vs floor | floor p99 | PostGraphile rps | vs PostGraphile |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const [w, f] of Object.entries(r.workloads)) {
      // W1: batches/s (updates/s); M1, M2: reads/s (+ the updates/s pushed meanwhile)
      const withUpdates = (rps: number | null, updates: number | undefined) =>
        w === 'W1'
          ? `${fmt(rps, 1)} (${fmt(updates)} upd/s)`
          : /^M\d$/.test(w)
            ? `${fmt(rps)} (+${fmt(updates)} upd/s)`
            : fmt(rps);
      const rps = withUpdates(f.rps, f.updates_per_s);
      const floor = withUpdates(f.floor_rps, f.floor_updates_per_s);
      lines.push(
        `| ${w} | ${rps} | ${fmt(f.p50_ms, 1)} | ${fmt(f.p99_ms, 1)} | ${f.errors} | ${fmt(f.sql_per_request, 1)} | ${floor} | ${pct(f.ratio_to_floor)} | ${fmt(f.floor_p99_ms, 1)} | ${fmt(f.peer_rps)} | ${pct(f.ratio_to_peer)} |`,
      );
    }
    if (r.reorganisation) {
      const g = r.reorganisation;
      lines.push(
        '',
        ...g.steps.map(
          (st) =>
            `Reorganisation ${st.map} (effective ${st.effectiveOn}): dry run ${fmt(st.dryRunMs)} ms, applied in ${fmt(st.applyMs)} ms; ` +
            `${st.endedUnits} units ended, ${st.newUnits} begun, ${fmt(st.milestonesCarried)} milestones carried, ` +
            `${fmt(st.escalationsResolved)} escalations resolved, ${st.programsTransferred} programs transferred.`,
        ),
        `Board rows: ${g.boardRowsBefore} on 2025-06-30, ${g.boardRowsAfter} on 2025-07-01.`,
      );
    }
    if (r.agreement.length) lines.push('', `Answers disagree: ${r.agreement.join('; ')}`);
    lines.push('');
  }
  const s = report.settings;
  lines.push(
    `Concurrency ${s.concurrency} (W1: ${s.w1_concurrency} node tokens), ${s.seconds} s per run after ${s.warmup_seconds} s warm-up, median of ${s.runs} runs; ` +
      `${report.machine.cpus} CPUs, Node ${report.machine.node}, load generator in its own process.`,
  );
  return lines.join('\n');
}
