// npm run soak -- [--minutes 10] [--nodes 63] [--fault-every 30] [--rate 5] [--readers 4]
//   [--pg-restart-command "…"] [--keep] [--out bench/results/soak-latest.json]
// The real processes on the PostgreSQL server named by DATABASE_URL, with faults,
// ending in a verdict: exit 0 when every report arrived exactly once and nothing
// died that was not killed on purpose, 1 otherwise.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../processes';
import { findRestartCommand } from './faults';
import { printable } from './soak-report';
import { runSoak, SoakOptions } from './soak-run';

function options(argv: string[]): SoakOptions & { out: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '10' },
      nodes: { type: 'string', default: '63' },
      'fault-every': { type: 'string', default: '30' },
      rate: { type: 'string', default: '5' },
      readers: { type: 'string', default: '4' },
      'pg-restart-command': { type: 'string' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, 'bench', 'results', 'soak-latest.json') },
    },
    strict: true,
  });
  const number = (name: keyof typeof values, min: number, max: number) => {
    const n = Number(values[name]);
    if (!(n >= min && n <= max)) throw new Error(`--${name} is ${min} to ${max}`);
    return n;
  };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error(
      'DATABASE_URL must name a PostgreSQL server: the soak runs on a server, not the embedded database',
    );
  return {
    minutes: number('minutes', 0.5, 24 * 60),
    nodes: Math.round(number('nodes', 1, 63)),
    faultEverySeconds: number('fault-every', 5, 3600),
    reportsPerSecond: number('rate', 0, 200),
    readers: Math.round(number('readers', 0, 32)),
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
