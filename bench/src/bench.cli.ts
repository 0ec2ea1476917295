// npm run bench -- [--scale national,x10] [--embedded] [--seconds 10] [--runs 3] ...
// Generates each dataset, starts the central app (production mode), the floor
// and PostGraphile on it, checks they give the same answers, then measures.
import 'reflect-metadata';
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { freshDatabase } from './database';
import { generateDataset } from './dataset/generate';
import { BENCH_TODAY, SCALES } from './dataset/scales';
import { ROOT } from './processes';
import { BenchReport, markdown, ScaleReport } from './report';
import { measureScale, needsUncachedApp, WORKLOAD_NAMES } from './scale-run';
import { applyPeerSchema } from './answers/peer';
import { BenchCentral, startFloor, startPeer } from './servers';

const CLI = {
  name: 'bench',
  summary: 'measures the API against the floor and PostGraphile on generated datasets',
  usage: ['npm run bench -- [--scale national,x10] [--embedded] [--seconds 10] [--runs 3] …'],
  options: {
    scale: {
      type: 'string',
      value: 'LIST',
      default: 'national',
      description: `datasets to measure, comma-separated: ${Object.keys(SCALES).join(', ')}`,
    },
    embedded: {
      type: 'boolean',
      default: false,
      description: "PGlite inside the bench process instead of DATABASE_URL's server",
    },
    seconds: { type: 'string', value: 'S', default: '10', description: 'seconds measured a run' },
    warmup: { type: 'string', value: 'S', default: '3', description: 'seconds of warm-up a run' },
    runs: {
      type: 'string',
      value: 'N',
      default: '3',
      description: 'runs a workload; the median is reported',
    },
    concurrency: {
      type: 'string',
      value: 'N',
      default: '32',
      description: 'requests in flight in the read workloads',
    },
    'w1-concurrency': {
      type: 'string',
      value: 'N',
      default: '63',
      description: 'node tokens pushing at once in W1 and M1',
    },
    workloads: {
      type: 'string',
      value: 'LIST',
      default: 'Q1,Q2,Q3,Q4,Q5,Q6,Q1u,Q2u,Q3u,Q4u,Q5u,Q6u,W1,M1,M2',
      description: 'workloads to measure, comma-separated',
    },
    seed: {
      type: 'string',
      value: 'TEXT',
      default: 'nsdb-2026',
      description: 'the seed the datasets are generated from',
    },
    out: {
      type: 'string',
      value: 'FILE',
      description:
        'the JSON report (the table goes beside it as .md); default bench/results/latest[-embedded].json',
    },
    'central-env': {
      type: 'string',
      value: 'KEY=VALUE',
      multiple: true,
      default: [],
      description: 'an environment variable for the central app; repeat for more',
    },
    keep: { type: 'boolean', default: false, description: 'keep the generated databases' },
    merge: {
      type: 'boolean',
      default: false,
      description: 'keep the other scales already in the output file (re-measuring one scale)',
    },
    'profile-central': {
      type: 'string',
      value: 'DIR',
      description: "write the central app's CPU profiles into DIR",
    },
    'central-root': {
      type: 'string',
      value: 'DIR',
      description: 'measure the central app built in another checkout (its dist/)',
    },
  },
} satisfies CliSpec;

const { values } = cliArgs(CLI);
// every mistake in the arguments before anything is generated or started
for (const name of values.scale.split(','))
  if (!Object.hasOwn(SCALES, name))
    exitUsage(CLI.name, `unknown scale ${name}: one of ${Object.keys(SCALES).join(', ')}`);
for (const w of values.workloads.split(','))
  if (!WORKLOAD_NAMES.includes(w))
    exitUsage(CLI.name, `unknown workload ${w}: one of ${WORKLOAD_NAMES.join(', ')}`);
const whole = (n: number) => Number.isInteger(n) && n >= 1;
const NUMBERS = [
  ['seconds', (n: number) => n > 0, 'a number of seconds above 0'],
  ['warmup', (n: number) => n >= 0, 'a number of seconds, 0 or more'],
  ['runs', whole, 'a whole number from 1'],
  ['concurrency', whole, 'a whole number from 1'],
  ['w1-concurrency', whole, 'a whole number from 1'],
] as const;
for (const [name, valid, what] of NUMBERS)
  if (!valid(Number(values[name]))) exitUsage(CLI.name, `--${name} is ${what}`);
for (const kv of values['central-env'])
  if (!/^[A-Za-z_]\w*=/.test(kv)) exitUsage(CLI.name, `--central-env ${kv}: KEY=VALUE`);

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const serverUrl = values.embedded ? undefined : process.env.DATABASE_URL;
  if (!serverUrl && !values.embedded) {
    log('npm run bench measures on a PostgreSQL server: set DATABASE_URL (or pass --embedded)');
    return 2;
  }
  const workloads = values.workloads.split(',');
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
      const apiUncached = needsUncachedApp(workloads)
        ? await central.start({ RESPONSE_CACHE_MB: '0' })
        : null;
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
          apiUncached,
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
        await Promise.all([api.stop(), apiUncached?.stop(), floor.stop(), peer?.stop()]);
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
