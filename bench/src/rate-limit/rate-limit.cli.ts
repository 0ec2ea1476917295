// npm run bench:rate-limit -- [--seconds 5] [--callers 32] [--instances 2] [--limits 50,1000]
// The app's rate limiter against rate-limiter-flexible's PostgreSQL store, in this
// process on a fresh database beside DATABASE_URL: requests a second and SQL
// statements a request far from the limit, and whether a limit holds in total
// when several instances share the database.
import 'reflect-metadata';
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { countStatements } from '@tracker/persistence';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { freshDatabase } from '../database';
import { ROOT } from '../processes';
import { CONTENDERS } from './contenders';
import {
  atTheLimit,
  LimitResult,
  RunSettings,
  throughput,
  ThroughputResult,
} from './rate-limit-run';

const CLI = {
  name: 'bench:rate-limit',
  summary:
    "the app's rate limiter against rate-limiter-flexible's PostgreSQL store, on a fresh database beside DATABASE_URL",
  usage: ['DATABASE_URL=postgres://… npm run bench:rate-limit -- [options below]'],
  options: {
    seconds: { type: 'string', value: 'S', default: '5', description: 'seconds a throughput run' },
    callers: {
      type: 'string',
      value: 'N',
      default: '32',
      description: 'requests in flight at once',
    },
    instances: {
      type: 'string',
      value: 'N',
      default: '2',
      description: 'limiters (central instances) sharing the database, each with its own pool',
    },
    keys: {
      type: 'string',
      value: 'N',
      default: '63',
      description: 'distinct callers (tokens) in the throughput run',
    },
    limits: {
      type: 'string',
      value: 'LIST',
      default: '50,1000',
      description: 'limits a minute tried at the limit, comma-separated',
    },
    rates: {
      type: 'string',
      value: 'LIST',
      default: '0,2000',
      description:
        'requests a second for the one caller at the limit, all instances together, comma-separated; 0: a burst, as fast as answered',
    },
    embedded: {
      type: 'boolean',
      default: false,
      description: "PGlite in this process instead of DATABASE_URL's server",
    },
    out: {
      type: 'string',
      value: 'FILE',
      description:
        'the JSON report (the table goes beside it as .md); default bench/results/rate-limit-latest.json',
    },
  },
} satisfies CliSpec;

const { values } = cliArgs(CLI);
const whole = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) exitUsage(CLI.name, `--${name} is a whole number from 1`);
  return n;
};
const seconds = Number(values.seconds);
if (!(seconds > 0)) exitUsage(CLI.name, '--seconds is a number of seconds above 0');
const settings: RunSettings = {
  instances: whole('instances', values.instances),
  callers: whole('callers', values.callers),
  poolSize: 10,
};
const keys = whole('keys', values.keys);
const limits = values.limits.split(',').map((l) => whole('limits', l));
const rates = values.rates.split(',').map(Number);
if (rates.some((r) => !Number.isInteger(r) || r < 0))
  exitUsage(CLI.name, '--rates are whole numbers from 0');
const serverUrl = values.embedded ? undefined : process.env.DATABASE_URL;
if (!serverUrl && !values.embedded)
  exitUsage(CLI.name, 'DATABASE_URL must name a PostgreSQL server (or pass --embedded)');
const out = values.out ?? join(ROOT, 'bench', 'results', 'rate-limit-latest.json');
const log = (line: string) => process.stdout.write(`${line}\n`);

interface Row {
  contender: string;
  throughput: ThroughputResult;
  at_the_limit: LimitResult[];
}

async function main(): Promise<number> {
  countStatements();
  const db = await freshDatabase(serverUrl, 'rate_limit');
  const rows: Row[] = [];
  try {
    for (const contender of CONTENDERS) {
      log(`== ${contender.name}`);
      const t = await throughput(db.url, contender, settings, seconds, keys);
      log(`  far from the limit: ${JSON.stringify(t)}`);
      const l: LimitResult[] = [];
      for (const rate of rates)
        for (const limit of limits) {
          l.push(await atTheLimit(db.url, contender, settings, limit, 3, rate));
          log(`  at the limit: ${JSON.stringify(l.at(-1))}`);
        }
      rows.push({ contender: contender.name, throughput: t, at_the_limit: l });
    }
  } finally {
    await db.drop();
  }
  const report = {
    generated_at: new Date().toISOString(),
    database: db.description,
    machine: { cpus: cpus().length, node: process.version },
    settings: { ...settings, seconds, keys, limits, rates },
    rows,
  };
  const table = markdown(rows, db.description, settings);
  log(`\n${table}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(out.replace(/\.json$/, '.md'), `${table}\n`);
  log(`\nwritten: ${out}`);
  return 0;
}

function markdown(rows: Row[], database: string, s: RunSettings): string {
  const head = [
    `${database}; ${s.instances} instances sharing it, ${s.callers} requests in flight, pools of ${s.poolSize}; ${cpus().length} CPUs`,
    '',
    `| limiter | far from the limit: requests/s | SQL statements/request | p99 ms | lost | ${rows[0].at_the_limit.map((l) => `limit ${l.limit}, ${l.rate ? `${l.rate}/s` : 'burst'}: admitted of ${l.sent} (SQL/request)`).join(' | ')} |`,
    `|---|---|---|---|---|${rows[0].at_the_limit.map(() => '---|').join('')}`,
  ];
  return [
    ...head,
    ...rows.map(
      (r) =>
        `| ${r.contender} | ${r.throughput.requests_per_s} | ${r.throughput.statements_per_request} | ${r.throughput.p99_ms} | ${r.throughput.uncounted} | ${r.at_the_limit.map((l) => `${l.admitted} (${l.statements_per_request})`).join(' | ')} |`,
    ),
  ].join('\n');
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `bench:rate-limit failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
