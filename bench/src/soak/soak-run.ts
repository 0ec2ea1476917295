import { centralAuthority, signToken } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { databaseOnServer, readProvinces2019 } from '@tracker/persistence';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DOCUMENTS } from '../answers/workloads';
import { benchPrograms, createWithPlan } from '../dataset/plans';
import { BENCH_NOW, SCALES } from '../dataset/scales';
import { freePort, LOG_DIR, ROOT } from '../processes';
import { productionNodeFlags } from '../servers';
import { RoundRobinBalancer } from './balancer';
import { Fault, FaultInjector } from './faults';
import { NodeApi } from './node-api';
import { inFaultWindow, readFigures, SoakResult } from './soak-report';
import { Death, Supervised } from './supervised';
import {
  CENTRAL_DB,
  defineSoakIndicator,
  freePortRun,
  freshDatabases,
  healthy,
  NODE_DB_PREFIX,
} from './soak-setup';
import { Offices, Readers } from './traffic';
import { verdict } from './verdict';

export interface SoakOptions {
  minutes: number;
  nodes: number;
  faultEverySeconds: number;
  reportsPerSecond: number;
  readers: number;
  serverUrl: string;
  restartPostgres: string | null;
  keep: boolean;
}

const log = (line: string) =>
  process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const runId = randomBytes(4).toString('hex');
  const deaths: Death[] = [];
  const logDir = join(LOG_DIR, 'soak');
  const dataDir = mkdtempSync(join(tmpdir(), 'nsdb-soak-'));
  const secret = randomBytes(32).toString('hex');
  const authority = centralAuthority(secret);
  const pmo = signToken(authority, { role: Role.PMO, sub: 'soak-pmo' }, '1d');
  const centralDbUrl = databaseOnServer(opts.serverUrl, CENTRAL_DB);
  log(
    `run ${runId}: ${opts.nodes} nodes, ${opts.minutes} min, a fault every ${opts.faultEverySeconds} s; logs in ${logDir}`,
  );
  await freshDatabases(opts.serverUrl, true);

  const centralPorts = [await freePort(), await freePort()];
  const centrals = centralPorts.map((port, i) => {
    const process = new Supervised(
      `central-${'ab'[i]}`,
      [...productionNodeFlags(), join(ROOT, 'dist/apps/central/src/main.js')],
      {
        NODE_ENV: 'production',
        DATABASE_URL: centralDbUrl,
        PORT: String(port),
        TOKEN_SECRET: secret,
        CLOCK_NOW: BENCH_NOW,
      },
      logDir,
      deaths,
      ROOT,
    );
    const url = `http://127.0.0.1:${port}`;
    return { process, url, ready: () => healthy(url, 120_000, process.name, () => process.tail) };
  });
  for (const c of centrals) {
    c.process.start();
    await c.ready();
  }
  const balancer = new RoundRobinBalancer(centralPorts);
  const centralUrl = `http://127.0.0.1:${await balancer.listen()}`;

  log('publishing the plans through the balancer');
  for (const p of benchPrograms(SCALES.tiny)) await createWithPlan(centralUrl, pmo, p);
  await defineSoakIndicator(centralUrl, pmo, benchPrograms(SCALES.tiny)[0].ownerCode);

  // the provinces CLI runs the first N of the same list
  const codes = readProvinces2019()
    .slice(0, opts.nodes)
    .map((p) => p.code);
  const basePort = await freePortRun(codes.length);
  const nodes = codes.map(
    (code, i) =>
      new NodeApi(code, `http://127.0.0.1:${basePort + i}`, join(dataDir, `province-${code}`)),
  );
  const provinces = new Supervised(
    'provinces',
    [
      join(ROOT, 'dist/apps/province/src/cli/provinces.cli.js'),
      '--count',
      String(codes.length),
      '--central',
      centralUrl,
      '--database-url',
      opts.serverUrl,
      '--database-prefix',
      NODE_DB_PREFIX,
      '--base-port',
      String(basePort),
      '--data-dir',
      dataDir,
    ],
    { TOKEN_SECRET: secret },
    logDir,
    deaths,
    ROOT,
  );
  /** Every node answers and holds its plan. */
  const provincesReady = async () => {
    await Promise.all(
      nodes.map((n) => healthy(n.url, 300_000, `province ${n.code}`, () => provinces.tail)),
    );
  };
  provinces.start();
  await provincesReady();
  const deadline = Date.now() + 120_000;
  while (
    (await Promise.all(nodes.map((n) => n.openMilestones().catch(() => [])))).some(
      (l) => l.length === 0,
    )
  ) {
    if (Date.now() > deadline)
      throw new Error('the nodes did not pull their plans within 2 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`${nodes.length} nodes up and holding their plans; traffic and faults begin`);

  // ---- traffic, faults and the month's end ----
  const start = Date.now();
  const faults: Fault[] = [];
  let deepest = { total: 0, oneNode: 0 };
  let depthNow: number | undefined;
  let watching: Fault | undefined;
  const sampleDepth = async (): Promise<number | undefined> => {
    const depths = await Promise.all(nodes.map((n) => n.pending().catch(() => undefined)));
    if (depths.some((d) => d === undefined)) return undefined;
    const total = (depths as number[]).reduce((a, b) => a + b, 0);
    deepest = {
      total: Math.max(deepest.total, total),
      oneNode: Math.max(deepest.oneNode, ...(depths as number[])),
    };
    return total;
  };
  let monitoring = true;
  const monitor = (async () => {
    while (monitoring) {
      depthNow = await sampleDepth();
      if (
        watching &&
        watching.recoveredMs !== undefined &&
        depthNow !== undefined &&
        depthNow <= (watching.depthBefore ?? 0)
      )
        watching.drainedMs = Date.now() - start - watching.at;
      if (watching?.drainedMs !== undefined) watching = undefined;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  })();

  const offices = new Offices(nodes, runId);
  const readerTokens = Array.from({ length: opts.readers }, (_, i) =>
    signToken(authority, { role: Role.PMO, sub: `soak-reader-${i}` }, '1d'),
  );
  const readers = new Readers(centralUrl, readerTokens, [API_DOCUMENTS.Q1, API_DOCUMENTS.Q2]);
  readers.start();
  offices.steady(opts.reportsPerSecond);

  const injector = new FaultInjector({
    centrals: centrals.map((c) => ({ process: c.process, ready: c.ready })),
    provinces: { process: provinces, ready: provincesReady },
    serverUrl: opts.serverUrl,
    centralDatabase: CENTRAL_DB,
    restartPostgres: opts.restartPostgres,
  });
  const totalMs = opts.minutes * 60_000;
  const faultLoop = (async () => {
    for (
      let next = opts.faultEverySeconds * 1000;
      next < totalMs;
      next += opts.faultEverySeconds * 1000
    ) {
      // on time, but never on the heels of the last one's recovery
      const wait = Math.max(start + next - Date.now(), (opts.faultEverySeconds * 1000) / 3);
      await new Promise((r) => setTimeout(r, wait));
      if (Date.now() - start >= totalMs) break;
      // the depth the outboxes must come back to: sampled before the fault, not after it
      const depthBefore = depthNow;
      watching = undefined;
      const fault = await injector.next(Date.now() - start);
      fault.depthBefore = depthBefore;
      faults.push(fault);
      log(
        `${fault.kind} ${fault.target}: ${fault.notRun ? `not run (${fault.notRun})` : fault.notRecovered ? `NOT RECOVERED: ${fault.notRecovered}` : `recovered in ${((fault.recoveredMs ?? 0) / 1000).toFixed(1)} s`}`,
      );
      if (!fault.notRun && !fault.notRecovered) watching = fault;
    }
  })();
  const burstSeconds = Math.min(120, Math.round((opts.minutes * 60) / 4));
  const burst = (async () => {
    await new Promise((r) => setTimeout(r, totalMs / 2 - burstSeconds * 500));
    log(`month's end: every node reports every open milestone within ${burstSeconds} s`);
    return offices.monthEnd(burstSeconds);
  })();
  await new Promise((r) => setTimeout(r, totalMs));
  await faultLoop;
  const monthEndReports = await burst;
  await offices.stop();
  await readers.stop();
  log(`traffic stopped; draining`);

  // ---- drain, then the verdict ----
  const drainStart = Date.now();
  for (;;) {
    const pending = await Promise.all(nodes.map((n) => n.syncNow().catch(() => -1)));
    if (pending.every((p) => p === 0)) break;
    if (Date.now() - drainStart > 300_000) break; // the verdict names what is left
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const drainAtEndMs = Date.now() - drainStart;
  monitoring = false;
  await monitor;
  // one more round each, so every node has pulled the centre's last word; the engines evaluate a second after a push
  await Promise.all(nodes.map((n) => n.syncNow().catch(() => -1)));
  await new Promise((r) => setTimeout(r, 3_000));
  const durationS = Math.round((Date.now() - start) / 1000);

  const facts = await verdict({
    centralUrl: centralDbUrl,
    nodeUrl: (code) => databaseOnServer(opts.serverUrl, `${NODE_DB_PREFIX}${code}`),
    codes,
    accepted: offices.counts.accepted,
    clockNow: BENCH_NOW,
  });
  const unexpected = deaths.filter((d) => !d.onPurpose);
  const problems = [
    ...faults
      .filter((f) => f.notRecovered)
      .map((f) => `${f.kind} ${f.target}: not recovered: ${f.notRecovered}`),
    ...facts.problems,
    ...unexpected.map(
      (d) =>
        `${d.name} died on its own (code ${d.code}, signal ${d.signal}): ${d.tail.slice(-300)}`,
    ),
  ];
  await Promise.all([provinces.stop(), ...centrals.map((c) => c.process.stop())]);
  await balancer.close();
  if (!opts.keep) {
    await freshDatabases(opts.serverUrl, false);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const during = readers.reads.filter((r) => inFaultWindow(faults, r.at, start));
  const calm = readers.reads.filter((r) => !inFaultWindow(faults, r.at, start));
  return {
    passed: problems.length === 0,
    problems,
    settings: { ...opts, serverUrl: undefined, runId },
    durationS,
    reports: {
      acceptedByNodes: offices.counts.accepted.length,
      failedAtNodes: offices.counts.failed,
      monthEndBurst: monthEndReports,
      recordedAtCentre: facts.reportsAtCentre,
      appliedAtCentre: facts.appliedAtCentre,
      appliedPerSecond: facts.appliedAtCentre / ((drainStart + drainAtEndMs - start) / 1000),
    },
    deepestOutbox: deepest,
    drainAtEndS: drainAtEndMs / 1000,
    faults,
    reads: {
      all: readFigures(readers.reads),
      duringFaults: readFigures(during),
      calm: readFigures(calm),
    },
    deaths: deaths.map(({ tail: _tail, ...d }) => d),
  };
}
