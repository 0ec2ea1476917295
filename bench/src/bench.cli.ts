// npm run bench -- [--scale national,x10] [--embedded] [--seconds 10] [--runs 3] ...
// Generates each dataset, starts the central app (production mode), the floor
// and PostGraphile on it, checks they give the same answers, then measures.
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { freshDatabase } from './database';
import { generateDataset } from './dataset/generate';
import { BENCH_TODAY, SCALES } from './dataset/scales';
import { ROOT } from './processes';
import { BenchReport, markdown, ScaleReport } from './report';
import { measureScale, WORKLOAD_NAMES } from './scale-run';
import { applyPeerSchema } from './answers/peer';
import { BenchCentral, startFloor, startPeer } from './servers';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'national' },
    embedded: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    'w1-concurrency': { type: 'string', default: '63' },
    workloads: { type: 'string', default: 'Q1,Q2,Q3,Q4,W1,M1' },
    seed: { type: 'string', default: 'nsdb-2026' },
    out: { type: 'string' },
    'central-env': { type: 'string', multiple: true, default: [] },
    keep: { type: 'boolean', default: false },
    /** Keeps the other scales already in the output file (re-measuring one scale). */
    merge: { type: 'boolean', default: false },
    'profile-central': { type: 'string' },
    'central-root': { type: 'string' },
  },
});

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const serverUrl = values.embedded ? undefined : process.env.DATABASE_URL;
  if (!serverUrl && !values.embedded) {
    log('npm run bench measures on a PostgreSQL server: set DATABASE_URL (or pass --embedded)');
    return 2;
  }
  const workloads = values.workloads.split(',');
  const unknown = workloads.filter((w) => !WORKLOAD_NAMES.includes(w));
  if (unknown.length > 0) {
    log(`unknown workload ${unknown.join(', ')}: choose from ${WORKLOAD_NAMES.join(', ')}`);
    return 2;
  }
  const settings = {
    concurrency: Number(values.concurrency),
    w1_concurrency: Number(values['w1-concurrency']),
    seconds: Number(values.seconds),
    warmup_seconds: Number(values.warmup),
    runs: Number(values.runs),
  };
  const centralEnv = Object.fromEntries(
    values['central-env'].map((kv) => [
      kv.slice(0, kv.indexOf('=')),
      kv.slice(kv.indexOf('=') + 1),
    ]),
  );
  const report: BenchReport = {
    generated_at: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    settings,
    scales: {},
  };
  let failed = false;
  for (const name of values.scale.split(',')) {
    const scale = SCALES[name];
    if (!scale) throw new Error(`unknown scale ${name}: one of ${Object.keys(SCALES).join(', ')}`);
    log(`\n== ${name}: generating (seed ${values.seed})`);
    const db = await freshDatabase(serverUrl, name);
    const profile = values['profile-central'];
    const central = new BenchCentral(
      db.url,
      centralEnv,
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
      values['central-root'],
    );
    try {
      const dataset = await generateDataset(
        db.url,
        scale,
        values.seed,
        async () => {
          const server = await central.start();
          return { url: server.url, pmoToken: central.pmoToken, stop: () => server.stop() };
        },
        log,
      );
      log(
        `  dataset ready in ${dataset.seconds.toFixed(1)} s: ${JSON.stringify(dataset.escalations)} escalations`,
      );
      const pool = new Pool({ connectionString: db.url, max: 2 });
      await applyPeerSchema(pool);
      const api = await central.start();
      const floor = await startFloor(db.url, !serverUrl);
      const peer = await startPeer(db.url, !serverUrl);
      if (!peer)
        log('  PostGraphile is not installed (npm ci --prefix bench/peer): no peer figures');
      try {
        const result: ScaleReport = await measureScale({
          dataset,
          database: db.description,
          pool,
          central,
          api,
          floor,
          peer,
          settings: { ...settings, warmupSeconds: settings.warmup_seconds },
          workloads,
          today: BENCH_TODAY,
          log,
        });
        report.scales[name] = result;
        if (result.agreement.length > 0) failed = true;
        if (Object.values(result.workloads).some((w) => w.errors > 0)) failed = true;
      } finally {
        await Promise.all([api.stop(), floor.stop(), peer?.stop()]);
        await pool.end();
      }
    } finally {
      if (!values.keep) await db.drop();
    }
  }
  const out =
    values.out ??
    join(ROOT, 'bench', 'results', values.embedded ? 'latest-embedded.json' : 'latest.json');
  if (values.merge && existsSync(out)) {
    const earlier = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    report.scales = { ...earlier.scales, ...report.scales };
  }
  const table = markdown(report);
  log(`\n${table}`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(out.replace(/\.json$/, '.md'), `${table}\n`);
  log(`\nwritten: ${out}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
