// npm run start:central — production: configuration from the environment only,
// reference units into an empty database, no demo data.
import { launch } from './launch';

launch('production').then(
  (running) => {
    process.stdout.write(
      `central app listening on ${running.url} (GraphQL at ${running.url}/graphql)\n`,
    );
  },
  (e: unknown) => {
    process.stderr.write(
      `central app failed to start: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(1);
  },
);
