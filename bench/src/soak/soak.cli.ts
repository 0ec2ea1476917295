// npm run soak -- [--minutes 10] [--nodes 63] [--fault-every 30] [--rate 5] [--readers 4]
//   [--pg-restart-command "…"] [--keep] [--out bench/results/soak-latest.json]
// The real processes on the PostgreSQL server named by DATABASE_URL, with faults,
// ending in a verdict: exit 0 when every report arrived exactly once and nothing
// died that was not killed on purpose, 1 otherwise.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { ROOT } from '../processes';
import { findRestartCommand } from './faults';
import { printable } from './soak-report';
import { runSoak, SoakOptions } from './soak-run';

const CLI = {
  name: 'soak',
  summary:
    'the real processes on a PostgreSQL server (DATABASE_URL) with faults, ending in a verdict (exit 0 only when nothing was lost or doubled)',
  usage: ['DATABASE_URL=postgres://… npm run soak -- [--minutes 10] [--nodes 63] [options below]'],
  options: {
    minutes: {
      type: 'string',
      value: 'N',
      default: '10',
      description: 'how long the traffic and faults run',
    },
    nodes: { type: 'string', value: 'N', default: '63', description: 'province nodes, 1 to 63' },
    'fault-every': {
      type: 'string',
      value: 'S',
      default: '30',
      description: 'seconds between faults',
    },
    rate: {
      type: 'string',
      value: 'N',
      default: '5',
      description: 'steady reports a second, all offices together',
    },
    readers: {
      type: 'string',
      value: 'N',
      default: '4',
      description: 'PMO readers on the dashboard and the LAND board',
    },
    'pg-restart-command': {
      type: 'string',
      value: 'CMD',
      description:
        "restarts PostgreSQL (default: pg_ctlcluster for the cluster on DATABASE_URL's port)",
    },
    keep: {
      type: 'boolean',
      default: false,
      description: 'keep the databases and node data afterwards',
    },
    out: {
      type: 'string',
      value: 'FILE',
      default: join(ROOT, 'bench', 'results', 'soak-latest.json'),
      description: 'where the figures and verdict are written',
    },
  },
} satisfies CliSpec;

function options(argv: string[]): SoakOptions & { out: string } {
  const { values } = cliArgs(CLI, argv);
  const number = (
    name: 'minutes' | 'nodes' | 'fault-every' | 'rate' | 'readers',
    min: number,
    max: number,
  ) => {
    const n = Number(values[name]);
    if (!(n >= min && n <= max)) exitUsage(CLI.name, `--${name} is ${min} to ${max}`);
    return n;
  };
  const minutes = number('minutes', 0.5, 24 * 60);
  const nodes = Math.round(number('nodes', 1, 63));
  const faultEverySeconds = number('fault-every', 5, 3600);
  const reportsPerSecond = number('rate', 0, 200);
  const readers = Math.round(number('readers', 0, 32));
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    exitUsage(
      CLI.name,
      'DATABASE_URL must name a PostgreSQL server: the soak runs on a server, not the embedded database',
    );
  return {
    minutes,
    nodes,
    faultEverySeconds,
    reportsPerSecond,
    readers,
    serverUrl,
    restartPostgres: values['pg-restart-command'] ?? findRestartCommand(serverUrl),
    keep: values.keep!,
    out: values.out!,
  };
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  if (!opts.restartPostgres)
    process.stdout.write(
      '[soak] no way found to restart PostgreSQL here: that fault will be reported as not run (--pg-restart-command)\n',
    );
  const result = await runSoak(opts);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`\n${printable(result)}\n\nfull result: ${opts.out}\n`);
  process.exit(result.passed ? 0 : 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`soak: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
