// Every CLI, as built into dist/ (npm test's pretest build) and run as its own process:
// --help and -h name its options (exit 0); a mistake is one line on stderr naming it,
// exit 2, never a stack trace, and nothing is started.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliRun as Run, runBuiltCli } from './support/processes';

/** Runs a built CLI from a scratch folder, with no database or key of the developer's. */
function run(script: string, args: string[]): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'tracker-cli-'));
  return runBuiltCli(script, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: cwd },
    timeoutMs: 60_000,
  });
}

const CLIS: { name: string; script: string; options: string[]; bad: [string[], RegExp][] }[] = [
  {
    name: 'token',
    script: 'libs/auth/src/cli/token.cli.js',
    options: ['--role ROLE', '--unit CODE', '--level LEVEL', '--sub NAME', '--ttl TTL', 'revoke'],
    bad: [
      [['--role', 'KING'], /role must be one of/],
      [['--role', 'LEADER'], /LEADER token names its level/],
      [['--role'], /--role needs a value/],
    ],
  },
  {
    name: 'token revoke',
    script: 'libs/auth/src/cli/token.cli.js revoke',
    options: ['<jti>', '--central URL', '--reason TEXT'],
    bad: [
      [['revoke'], /revoke needs the id/],
      [['revoke', 'a', 'b'], /unexpected argument b/],
    ],
  },
  {
    name: 'provinces',
    script: 'apps/province/src/cli/provinces.cli.js',
    options: [
      '--count N',
      '--central URL',
      '--rate N',
      '--base-port PORT',
      '--data-dir DIR',
      '--database-url URL',
      '--database-prefix NAME',
      '--pool-size N',
      '--central-data-dir DIR',
    ],
    bad: [
      [['--count', '99'], /--count is 1 to 63/],
      [['--pool-size', '0'], /--pool-size is 1 to 50/],
      [['--database-prefix', 'Bad-Name'], /--database-prefix is lower-case/],
    ],
  },
  {
    name: 'soak',
    script: 'bench/src/soak/soak.cli.js',
    options: [
      '--minutes N',
      '--nodes N',
      '--fault-every S',
      '--rate N',
      '--readers N',
      '--pg-restart-command CMD',
      '--keep',
    ],
    // run without DATABASE_URL: the soak needs a server and says so
    bad: [
      [['--nodes', '64'], /--nodes is 1 to 63/],
      [[], /DATABASE_URL must name a PostgreSQL server/],
    ],
  },
  {
    name: 'bench',
    script: 'bench/src/bench.cli.js',
    options: ['--scale LIST', '--embedded', '--seconds S', '--runs N', '--workloads LIST', '--out'],
    bad: [
      [['--scale', 'huge'], /unknown scale huge/],
      [['--workloads', 'Q9'], /unknown workload Q9/],
      [['--runs', '0'], /--runs is a whole number/],
    ],
  },
  {
    name: 'bench:rate-limit',
    script: 'bench/src/rate-limit/rate-limit.cli.js',
    options: ['--seconds S', '--callers N', '--instances N', '--limits LIST', '--rates LIST'],
    // run without DATABASE_URL: it measures on a server unless told --embedded
    bad: [
      [['--callers', '0'], /--callers is a whole number/],
      [[], /DATABASE_URL must name a PostgreSQL server/],
    ],
  },
  {
    name: 'reorganise',
    script: 'apps/central/src/cli/reorganise.cli.js',
    options: ['--map NAME', '--effective YYYY-MM-DD', '--dry-run', '--note TEXT'],
    bad: [
      [
        ['--map', 'provinces-2030', '--effective', '2030-01-01'],
        /--map is one of provinces-2025, agencies-2025/,
      ],
      [['--map', 'provinces-2025', '--effective', '2025-13-01'], /--effective is a date/],
    ],
  },
  {
    name: 'verify-rollups',
    script: 'apps/central/src/cli/verify-rollups.cli.js',
    options: [],
    bad: [[['central'], /unexpected argument central/]],
  },
  {
    name: 'start',
    script: 'apps/central/src/demo.js',
    options: ['--at YYYY-MM-DD'],
    bad: [[['--at', '2019-12-31'], /--at is a date, YYYY-MM-DD, from 2020-03-01 on/]],
  },
  {
    name: 'migration:check',
    script: 'libs/persistence/src/cli/check-drift.cli.js',
    options: ['central|province'],
    bad: [[['provnce'], /unknown schema provnce/]],
  },
  {
    name: 'migration:generate',
    script: 'libs/persistence/src/cli/generate-migration.cli.js',
    options: ['<Name>', 'central|province'],
    bad: [[['lower_case'], /PascalCase/]],
  },
  {
    name: 'db:types',
    script: 'libs/persistence/src/cli/db-types.cli.js',
    options: ['--check', 'central|province'],
    bad: [[['provnce'], /unknown schema provnce/]],
  },
];

/** One line on stderr that says what, exit 2, nothing on stdout, no stack frame. */
function expectUsageError(r: Run, name: string, what: RegExp): void {
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(new RegExp(`^${name}: .*\\(see --help\\)\\n$`));
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('every CLI', () => {
  // The CLIs load their apps' modules (seconds each on a busy machine): run six side by side,
  // and -h (the same code as --help, in libs/cli) for the token CLI alone.
  let results: Map<string, Run>;
  beforeAll(async () => {
    const calls: [string, string, string[]][] = [];
    for (const cli of CLIS) {
      const [script, ...pre] = cli.script.split(' ');
      calls.push([`${cli.name} --help`, script, [...pre, '--help']]);
      calls.push([`${cli.name} --nope`, script, [...pre, '--nope']]);
      for (const [args] of cli.bad) calls.push([`${cli.name} ${args.join(' ')}`, script, args]);
    }
    // a few at a time: all at once, some fifty processes loading modules, starved a loaded CI machine
    const runs: Run[] = [];
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        const i = next++;
        runs[i] = await run(calls[i][1], calls[i][2]);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    results = new Map(calls.map(([key], i) => [key, runs[i]]));
  }, 300_000);

  it('answers -h as --help', async () => {
    const [short, long] = await Promise.all([
      run('libs/auth/src/cli/token.cli.js', ['-h']),
      run('libs/auth/src/cli/token.cli.js', ['--help']),
    ]);
    expect(short).toEqual(long);
    expect(short.code).toBe(0);
  });

  describe.each(CLIS)('$name', ({ name, options, bad }) => {
    it('answers --help and -h with its options, each with a line, exit 0', () => {
      const help = results.get(`${name} --help`)!;
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toMatch(new RegExp(`^${name}: \\S`));
      for (const option of options) expect(help.stdout).toContain(option);
      expect(help.stdout).toMatch(/-h, --help +this help/);
      // each option row has its description: no row is a bare flag
      for (const row of help.stdout.split('\n').filter((l) => /^ {2}-/.test(l)))
        expect(row).toMatch(/^ {2}\S.*\S {2,}\S/);
    });

    it('refuses an unknown option in one line, exit 2', () => {
      expectUsageError(results.get(`${name} --nope`)!, name, /unknown option --nope/);
    });

    it.each(bad)('refuses %j in one line, exit 2', (args, what) => {
      expectUsageError(results.get(`${name} ${args.join(' ')}`)!, name, what);
    });
  });
});
