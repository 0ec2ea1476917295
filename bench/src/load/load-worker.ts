// The load generator, in its own process so that its CPU is not the server's:
// node load-worker.js <file holding a LoadConfig as JSON> prints one LoadResult as JSON.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { LoadConfig, LoadResult } from './load-config';
import { nextBatch, PUSH_MUTATION } from './push-batches';

interface Answer {
  status: number;
  /** The whole body when asked for (W1 counts outcomes), else its first bytes. */
  body: string;
}

/**
 * One request on a kept-alive connection. A read's body is not decoded whole:
 * its first bytes say whether GraphQL answered with errors (they come first),
 * which keeps this process's CPU off the measurement of large answers.
 */
function send(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  body: string,
  whole: boolean,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (whole || chunks.length === 0) chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: whole ? text : text.slice(0, 64) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(config: LoadConfig): Promise<LoadResult> {
  const url = new URL(config.url);
  const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let applied = 0;
  let firstError: string | null = null;
  let recording = false;
  let stop = false;
  const spec = config.requests;

  const one = async (conn: number) => {
    let headers: Record<string, string>;
    let body: string;
    if (spec.kind === 'fixed') {
      headers = spec.headers;
      body = spec.body;
    } else {
      const node = spec.nodes[conn % spec.nodes.length];
      const updates = nextBatch(node, spec.batchSize, spec.reportedAt, spec.runTag);
      headers = { 'content-type': 'application/json', authorization: `Bearer ${node.token}` };
      body =
        spec.format === 'graphql'
          ? JSON.stringify({ query: PUSH_MUTATION, variables: { input: { updates } } })
          : JSON.stringify({ unitCode: node.unitCode, updates });
    }
    const t0 = process.hrtime.bigint();
    let ok = false;
    let detail = '';
    let appliedHere = 0;
    try {
      const answer = await send(agent, url, headers, body, spec.kind === 'push');
      ok = answer.status === 200 && !answer.body.includes('"errors":[');
      if (!ok) detail = `${answer.status} ${answer.body.slice(0, 300)}`;
      else if (spec.kind === 'push') appliedHere = answer.body.split('"APPLIED"').length - 1;
    } catch (e) {
      detail = String(e);
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!recording) return;
    latencies.push(ms);
    applied += appliedHere;
    if (!ok) {
      errors += 1;
      firstError ??= detail;
    }
  };

  const loops = Array.from({ length: config.concurrency }, async (_, conn) => {
    while (!stop) await one(conn);
  });
  await new Promise((r) => setTimeout(r, config.warmupSeconds * 1000));
  recording = true;
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, config.seconds * 1000));
  recording = false;
  const seconds = (Date.now() - t0) / 1000;
  stop = true;
  await Promise.all(loops);
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds,
    rps: latencies.length / seconds,
    p50_ms: percentile(sorted, 50),
    p99_ms: percentile(sorted, 99),
    applied,
  };
}

run(JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadConfig).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (e: unknown) => {
    process.stderr.write(`load generator failed: ${String(e)}\n`);
    process.exit(1);
  },
);
