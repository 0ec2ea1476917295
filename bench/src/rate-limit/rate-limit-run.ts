import { statementsIssued } from '@tracker/persistence';
import { Pool } from 'pg';
import { setTimeout as sleep, setImmediate as turn } from 'node:timers/promises';
import { Contender, Limiter } from './contenders';

export interface RunSettings {
  /** Central instances sharing the database, each with its limiter and pool. */
  instances: number;
  /** Requests in flight at once, spread over the instances in turn. */
  callers: number;
  poolSize: number;
}

export interface ThroughputResult {
  requests: number;
  requests_per_s: number;
  statements_per_request: number;
  p99_ms: number;
  /** What the shared store counted minus what was admitted: 0 when nothing was lost. */
  uncounted: number;
}

export interface LimitResult {
  limit: number;
  /** Requests a second offered in all (0: a burst, as fast as answered). */
  rate: number;
  sent: number;
  admitted: number;
  statements_per_request: number;
}

async function withInstances<T>(
  url: string,
  contender: Contender,
  settings: RunSettings,
  limit: number,
  run: (limiters: Limiter[], admin: Pool) => Promise<T>,
): Promise<T> {
  const pools = Array.from(
    { length: settings.instances },
    () => new Pool({ connectionString: url, max: settings.poolSize }),
  );
  const admin = new Pool({ connectionString: url, max: 1 });
  try {
    await contender.prepare(admin);
    // connections opened before the clock starts, as in a running app
    await Promise.all(
      pools.map((p) => Promise.all(Array.from({ length: 2 }, () => p.query('SELECT 1')))),
    );
    return await run(
      pools.map((p) => contender.limiter(p, limit)),
      admin,
    );
  } finally {
    await Promise.all([...pools, admin].map((p) => p.end()));
  }
}

/** `settings.callers` loops at once, spread over the instances in turn. */
function inFlight(
  settings: RunSettings,
  limiters: Limiter[],
  loop: (limiter: Limiter, i: number) => Promise<void>,
): Promise<void[]> {
  return Promise.all(
    Array.from({ length: settings.callers }, (_, i) => loop(limiters[i % limiters.length], i)),
  );
}

/**
 * Far from the limit: `callers` loops, each sending one request after another
 * (a turn of the event loop between, as an HTTP server has), for `seconds`, over
 * `keys` callers, through `instances` limiters sharing the database.
 */
export function throughput(
  url: string,
  contender: Contender,
  settings: RunSettings,
  seconds: number,
  keys: number,
): Promise<ThroughputResult> {
  return withInstances(url, contender, settings, 1_000_000, async (limiters, admin) => {
    const run = `t${Date.now()}`;
    const latencies: number[] = [];
    let admitted = 0;
    const end = Date.now() + seconds * 1000;
    const statementsBefore = statementsIssued();
    const started = performance.now();
    await inFlight(settings, limiters, async (limiter, i) => {
      for (let n = 0; Date.now() < end; n += 1) {
        const t = performance.now();
        if (await limiter.take(`${run}:${(i + n * settings.callers) % keys}`)) admitted += 1;
        latencies.push(performance.now() - t);
        await turn();
      }
    });
    const elapsed = (performance.now() - started) / 1000;
    await Promise.all(limiters.map((l) => l.close()));
    const statements = statementsIssued() - statementsBefore;
    let counted = 0;
    for (let k = 0; k < keys; k += 1) counted += await contender.counted(admin, `${run}:${k}`);
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      requests_per_s: Math.round(latencies.length / elapsed),
      statements_per_request: significant(statements / latencies.length),
      p99_ms: round(latencies[Math.floor(latencies.length * 0.99)], 2),
      uncounted: counted - admitted,
    };
  });
}

/**
 * At the limit: `callers` loops send `limit * overshoot` requests in all for one
 * caller, through every instance in turn, at `rate` a second or as fast as they
 * are answered; the limit holds when exactly `limit` are admitted.
 */
export function atTheLimit(
  url: string,
  contender: Contender,
  settings: RunSettings,
  limit: number,
  overshoot: number,
  /** Requests a second in all, spread evenly; 0: as fast as they are answered. */
  rate: number,
): Promise<LimitResult> {
  return withInstances(url, contender, settings, limit, async (limiters) => {
    // the app's windows are wall-clock minutes: a run must not straddle two
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    const caller = `l${limit}:${Date.now()}`;
    const total = limit * overshoot;
    let sent = 0;
    let admitted = 0;
    const statementsBefore = statementsIssued();
    const started = performance.now();
    await inFlight(settings, limiters, async (limiter) => {
      while (sent < total) {
        const due = started + (sent * 1000) / rate;
        sent += 1;
        if (rate > 0 && due > performance.now()) await sleep(due - performance.now());
        if (await limiter.take(caller)) admitted += 1;
        await turn();
      }
    });
    await Promise.all(limiters.map((l) => l.close()));
    return {
      limit,
      rate,
      sent,
      admitted,
      statements_per_request: significant((statementsIssued() - statementsBefore) / sent),
    };
  });
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Two significant digits: a batched limiter's statements a request are far below 0.001. */
const significant = (n: number) => Number(n.toPrecision(2));
