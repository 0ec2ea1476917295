import { LoadConfig, LoadRequests, LoadResult } from './load/load-config';
import { runLoad } from './load/run-load';

export interface LoadSettings {
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  runs: number;
}

export interface Measured {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  firstError: string | null;
  /** W1: updates applied per second (median over runs). */
  applied_per_s: number;
  runs: LoadResult[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Each figure is the median of `runs` separate loads; errors are summed over all of them. */
export async function measure(
  url: string,
  requests: () => Promise<LoadRequests>,
  settings: LoadSettings,
  concurrency = settings.concurrency,
): Promise<Measured> {
  const runs: LoadResult[] = [];
  for (let i = 0; i < settings.runs; i += 1) {
    const config: LoadConfig = {
      url,
      concurrency,
      warmupSeconds: settings.warmupSeconds,
      seconds: settings.seconds,
      requests: await requests(),
    };
    runs.push(await runLoad(config));
  }
  return {
    rps: median(runs.map((r) => r.rps)),
    p50_ms: median(runs.map((r) => r.p50_ms)),
    p99_ms: median(runs.map((r) => r.p99_ms)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    firstError: runs.find((r) => r.firstError)?.firstError ?? null,
    applied_per_s: median(runs.map((r) => r.applied / r.seconds)),
    runs,
  };
}

/** Statements the server sent per request, read from its /metrics around `probes` sequential requests. */
export async function statementsPerRequest(
  baseUrl: string,
  send: () => Promise<unknown>,
  probes: number,
): Promise<number | null> {
  const read = async () => {
    const res = await fetch(`${baseUrl}/metrics`).catch(() => null);
    if (!res?.ok) return null;
    const m = /^nsdb_sql_statements_total (\d+)/m.exec(await res.text());
    return m ? Number(m[1]) : null;
  };
  const before = await read();
  if (before === null) return null;
  for (let i = 0; i < probes; i += 1) await send();
  const after = await read();
  return after === null ? null : Math.round(((after - before) / probes) * 10) / 10;
}
