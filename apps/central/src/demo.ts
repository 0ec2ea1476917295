// npm start — the demo: embedded PostgreSQL unless DATABASE_URL is set, demo data
// in an empty database, the clock at 2020-03-01 unless CLOCK_NOW says otherwise.
import { signToken } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { launch } from './launch';

launch('demo').then(
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
