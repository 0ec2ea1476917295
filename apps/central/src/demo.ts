// npm start [-- --at YYYY-MM-DD] — the demo: embedded PostgreSQL unless DATABASE_URL is
// set, demo data in an empty database, the clock at 2020-03-01 unless CLOCK_NOW says
// otherwise. With --at, the clock stands at that day and the demo's history runs to it
// (through the 2025 reorganisations when later), in a data folder of its own.
import { signToken } from '@tracker/auth';
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { isIsoDate, Role } from '@tracker/domain';
import { launch } from './launch';

const CLI = {
  name: 'start',
  summary: 'the demo: central app, embedded database, demo data, clock at 2020-03-01',
  usage: ['npm start', 'npm start -- --at 2025-09-15'],
  options: {
    at: {
      type: 'string',
      value: 'YYYY-MM-DD',
      description:
        "the demo's day: its history runs from 2019 to it (data in ./data/central-<day> unless DATA_DIR)",
    },
  },
} satisfies CliSpec;

/** The environment the demo runs with: --at sets its day, clock and data folder. */
function demoEnv(): NodeJS.ProcessEnv {
  const at = cliArgs(CLI).values.at;
  if (at === undefined) return process.env;
  if (!isIsoDate(at) || at < '2020-03-01')
    exitUsage(CLI.name, '--at is a date, YYYY-MM-DD, from 2020-03-01 on');
  return {
    ...process.env,
    DEMO_AT: at,
    // noon in Việt Nam: the day's reports are behind the clock, not ahead of it
    CLOCK_NOW: process.env.CLOCK_NOW || `${at}T05:00:00Z`,
    DATA_DIR: process.env.DATA_DIR || `./data/central-${at}`,
  };
}

launch('demo', demoEnv()).then(
  (running) => {
    const token = signToken(running.authority, { role: Role.PMO, sub: 'demo-pmo' }, '7d');
    const today = running.clock.today();
    process.stdout.write(
      [
        '',
        `National database program tracker — demo, central clock at ${today}`,
        `  GraphQL:   ${running.url}/graphql`,
        `  Health:    ${running.url}/health`,
        `  PMO token (7 days): ${token}`,
        '',
        `  Try: curl -s ${running.url}/graphql -H 'content-type: application/json' \\`,
        `         -H "authorization: Bearer $TOKEN" \\`,
        `         -d '{"query":"{ nationalDashboard { asOf programs { program { code } health progress { percentComplete late blocked } } } }"}'`,
        '',
      ].join('\n') + '\n',
    );
  },
  (e: unknown) => {
    process.stderr.write(
      `demo failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
