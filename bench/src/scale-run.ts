import { Pool } from 'pg';
import {
  agree,
  API_DOCUMENTS,
  canonicalFromApi,
  UNCACHED_WORKLOADS,
  WORKLOADS,
  Workload,
} from './answers/workloads';
import { canonicalFromPeer, PEER_QUERIES, PEER_WORKLOADS } from './answers/peer';
import { DatasetSummary } from './dataset/generate';
import { BENCH_NOW } from './dataset/scales';
import { gql } from './graphql-client';
import { LoadRequests, PushingNode } from './load/load-config';
import { nextBatch, PUSH_MUTATION } from './load/push-batches';
import { LoadSettings, measure, Measured, statementsPerRequest } from './measure';
import { ServerProcess } from './processes';
import { ScaleReport, WorkloadFigures } from './report';
import { reorganiseDataset } from './reorganise-run';
import { BenchCentral } from './servers';

export interface ScaleRun {
  dataset: DatasetSummary;
  database: string;
  pool: Pool;
  central: BenchCentral;
  api: ServerProcess;
  /** The same app with its response cache off: what the first read after a change pays. */
  apiUncached: ServerProcess | null;
  floor: ServerProcess;
  peer: ServerProcess | null;
  settings: LoadSettings & { w1_concurrency: number };
  workloads: string[];
  today: string;
  log: (line: string) => void;
}

const W1_BATCH = 100;
/** A report a minute before the bench's fixed central clock: never "in the future". */
const REPORTED_AT = new Date(Date.parse(BENCH_NOW) - 60_000).toISOString();

const json = { 'content-type': 'application/json' };

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  if (!res.ok || answer.errors?.length)
    throw new Error(`${url}: ${res.status} ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

/** The same answer from every server, before anything is timed. */
async function checkAgreement(run: ScaleRun): Promise<string[]> {
  const problems: string[] = [];
  for (const w of WORKLOADS) {
    const api = canonicalFromApi(w, await gql(run.api.url, run.central.pmoToken, API_DOCUMENTS[w]));
    const floor = await postJson(`${run.floor.url}/${w}`, {});
    const floorDiff = agree(w, api, floor);
    if (floorDiff) problems.push(`${w} API vs floor: ${floorDiff}`);
    if (run.peer && PEER_WORKLOADS.includes(w)) {
      const peer = canonicalFromPeer(
        w,
        await postJson(`${run.peer.url}/graphql`, {
          query: PEER_QUERIES[w],
          variables: { today: run.today },
        }),
      );
      const peerDiff = agree(w, api, peer);
      if (peerDiff) problems.push(`${w} API vs PostGraphile: ${peerDiff}`);
    }
    run.log(`  ${w}: answers ${problems.some((p) => p.startsWith(w)) ? 'DISAGREE' : 'agree'}`);
  }
  return problems;
}

/** The first 63 provinces' nodes, each with its province milestones and where its seqs continue. */
async function pushingNodes(run: ScaleRun, count: number): Promise<PushingNode[]> {
  const { rows } = await run.pool.query<{
    unit: string;
    program: string;
    key: string;
    seq: number;
  }>(
    `WITH nodes AS (
       SELECT u.id, u.code FROM unit u WHERE u.kind = 'PROVINCE' AND u.valid_to IS NULL ORDER BY u.code LIMIT $1)
     SELECT n.code AS unit, p.code AS program, pi.key, COALESCE(s.highest_seq, 0) AS seq
     FROM nodes n JOIN milestone m ON m.unit_id = n.id JOIN plan_item pi ON pi.id = m.plan_item_id
     JOIN program p ON p.id = m.program_id LEFT JOIN node_sync s ON s.unit_id = n.id
     WHERE pi.scope = 'PROVINCE' AND m.status <> 'CANCELLED' ORDER BY n.code, p.code, pi.key`,
    [count],
  );
  const nodes = new Map<string, PushingNode>();
  for (const r of rows) {
    let node = nodes.get(r.unit);
    if (!node) {
      node = {
        token: run.central.nodeToken(r.unit),
        unitCode: r.unit,
        nextSeq: r.seq + 1,
        targets: [],
      };
      nodes.set(r.unit, node);
    }
    node.targets.push({ programCode: r.program, key: r.key });
  }
  return [...nodes.values()];
}

const runTag = () => `bench-${Date.now().toString(36)}`;

function figures(api: Measured, floor: Measured | null, peer: Measured | null): WorkloadFigures {
  return {
    rps: api.rps,
    p50_ms: api.p50_ms,
    p99_ms: api.p99_ms,
    errors: api.errors + (floor?.errors ?? 0) + (peer?.errors ?? 0),
    floor_rps: floor?.rps ?? null,
    peer_rps: peer?.rps ?? null,
    sql_per_request: null,
    // no ratio to a server that completed nothing in the run (not an infinite one)
    ratio_to_floor: floor?.rps ? api.rps / floor.rps : null,
    ratio_to_peer: peer?.rps ? api.rps / peer.rps : null,
    floor_p99_ms: floor?.p99_ms ?? null,
    peer_p99_ms: peer?.p99_ms ?? null,
    floor_sql_per_request: null,
  };
}

function say(run: ScaleRun, w: string, label: string, m: Measured): void {
  if (m.runs.every((r) => r.requests === 0)) {
    run.log(`  ${w} ${label}: no request completed within a run (${m.firstError ?? 'too slow'})`);
    return;
  }
  run.log(
    `  ${w} ${label}: ${m.rps.toFixed(0)} rps, p50 ${m.p50_ms.toFixed(1)} ms, p99 ${m.p99_ms.toFixed(1)} ms` +
      (m.applied_per_s ? `, ${m.applied_per_s.toFixed(0)} updates/s` : '') +
      (m.errors ? `, ${m.errors} errors (first: ${m.firstError})` : ''),
  );
}

type Requests = () => Promise<LoadRequests>;

const fixed =
  (headers: Record<string, string>, body: string): Requests =>
  async () => ({ kind: 'fixed', headers, body });

/** What the load generator sends for a read workload, to the API and to the floor. */
function readRequests(run: ScaleRun, w: Workload): { api: Requests; floor: Requests } {
  return {
    api: fixed(
      { ...json, authorization: `Bearer ${run.central.pmoToken}` },
      JSON.stringify({ query: API_DOCUMENTS[w] }),
    ),
    floor: fixed(json, '{}'),
  };
}

/** W1's batches: every run continues each node's seqs where the database has them. */
function pushRequests(run: ScaleRun, format: 'graphql' | 'floor'): Requests {
  return async () => ({
    kind: 'push',
    nodes: await pushingNodes(run, run.settings.w1_concurrency),
    batchSize: W1_BATCH,
    reportedAt: REPORTED_AT,
    runTag: runTag(),
    format,
  });
}

async function readWorkload(
  run: ScaleRun,
  w: Workload,
  api_: ServerProcess = run.api,
): Promise<WorkloadFigures> {
  const requests = readRequests(run, w);
  const api = await measure(`${api_.url}/graphql`, requests.api, run.settings);
  say(run, w, api_ === run.api ? 'API' : 'API, cache off', api);
  const floor = await measure(`${run.floor.url}/${w}`, requests.floor, run.settings);
  say(run, w, 'floor', floor);
  let peer: Measured | null = null;
  if (run.peer && PEER_WORKLOADS.includes(w)) {
    const body = JSON.stringify({ query: PEER_QUERIES[w], variables: { today: run.today } });
    peer = await measure(`${run.peer.url}/graphql`, fixed(json, body), run.settings);
    say(run, w, 'PostGraphile', peer);
  }
  const result = figures(api, floor, peer);
  result.sql_per_request = await statementsPerRequest(
    api_.url,
    () => gql(api_.url, run.central.pmoToken, API_DOCUMENTS[w]),
    20,
  );
  result.floor_sql_per_request = await statementsPerRequest(
    run.floor.url,
    () => postJson(`${run.floor.url}/${w}`, {}),
    20,
  );
  return result;
}

async function pushWorkload(run: ScaleRun): Promise<WorkloadFigures> {
  const concurrency = run.settings.w1_concurrency;
  const api = await measure(
    `${run.api.url}/graphql`,
    pushRequests(run, 'graphql'),
    run.settings,
    concurrency,
  );
  say(run, 'W1', 'API', api);
  const floor = await measure(
    `${run.floor.url}/w1`,
    pushRequests(run, 'floor'),
    run.settings,
    concurrency,
  );
  say(run, 'W1', 'floor', floor);
  const result = figures(api, floor, null);
  result.updates_per_s = api.applied_per_s;
  result.floor_updates_per_s = floor.applied_per_s;
  result.ratio_to_floor = api.applied_per_s / floor.applied_per_s;
  const [node] = await pushingNodes(run, 1);
  const tag = runTag();
  result.sql_per_request = await statementsPerRequest(
    run.api.url,
    () =>
      gql(run.api.url, node.token, PUSH_MUTATION, {
        input: { updates: nextBatch(node, W1_BATCH, REPORTED_AT, tag) },
      }),
    5,
  );
  return result;
}

/**
 * Month's end: a read at the usual concurrency while W1's 63 nodes push. Every
 * applied batch retires the cached answers, so this is the read path as a PMO
 * meets it while provinces sync: M1 reads the dashboard (Q1), M2 the late
 * milestones (Q3). Figures are the read's; W1's updates/s ride along.
 */
async function mixedWorkload(
  run: ScaleRun,
  name: string,
  read: Workload,
): Promise<WorkloadFigures> {
  const concurrency = run.settings.w1_concurrency;
  const reads = readRequests(run, read);
  const [api, apiPush] = await Promise.all([
    measure(`${run.api.url}/graphql`, reads.api, run.settings),
    measure(`${run.api.url}/graphql`, pushRequests(run, 'graphql'), run.settings, concurrency),
  ]);
  say(run, name, `API ${read}`, api);
  say(run, name, 'API W1', apiPush);
  const [floor, floorPush] = await Promise.all([
    measure(`${run.floor.url}/${read}`, reads.floor, run.settings),
    measure(`${run.floor.url}/w1`, pushRequests(run, 'floor'), run.settings, concurrency),
  ]);
  say(run, name, `floor ${read}`, floor);
  say(run, name, 'floor W1', floorPush);
  const result = figures(api, floor, null);
  result.errors += apiPush.errors + floorPush.errors;
  result.updates_per_s = apiPush.applied_per_s;
  result.floor_updates_per_s = floorPush.applied_per_s;
  return result;
}

/** Q1u-Q6u: the reads asked of the app with its response cache off. */
async function uncachedWorkload(run: ScaleRun, w: Workload): Promise<WorkloadFigures> {
  if (!run.apiUncached) throw new Error(`${w}u needs the uncached central app`);
  return readWorkload(run, w, run.apiUncached);
}

const MEASURE: Record<string, (run: ScaleRun) => Promise<WorkloadFigures>> = {
  ...Object.fromEntries(WORKLOADS.map((w) => [w, (run: ScaleRun) => readWorkload(run, w)])),
  ...Object.fromEntries(
    UNCACHED_WORKLOADS.map((w) => [`${w}u`, (run: ScaleRun) => uncachedWorkload(run, w)]),
  ),
  W1: pushWorkload,
  M1: (run) => mixedWorkload(run, 'M1', 'Q1'),
  M2: (run) => mixedWorkload(run, 'M2', 'Q3'),
};

/** The workload names --workloads accepts. */
export const WORKLOAD_NAMES = Object.keys(MEASURE);

/** Whether the run needs a second central app with its response cache off. */
export const needsUncachedApp = (workloads: readonly string[]) =>
  workloads.some((w) => /^Q\du$/.test(w));

export async function measureScale(run: ScaleRun): Promise<ScaleReport> {
  const agreement = await checkAgreement(run);
  const workloads: Record<string, WorkloadFigures> = {};
  for (const w of run.workloads) {
    workloads[w] = await MEASURE[w](run);
  }
  const peak = Math.max(run.api.peakRssMb(), run.apiUncached?.peakRssMb() ?? 0);
  return {
    dataset: run.dataset,
    database: run.database,
    peak_rss_mb: peak,
    agreement,
    workloads,
    // last: it changes the data the workloads read
    reorganisation: await reorganiseDataset({
      url: run.api.url,
      pmoToken: run.central.pmoToken,
      log: run.log,
    }),
  };
}
