// npm run start:province — one province node, configured by PROVINCE_CODE,
// CENTRAL_URL and NODE_TOKEN (operations.md).
import 'reflect-metadata';
import { guardProcess } from '@tracker/api';
import { startProvince } from './bootstrap';

guardProcess();
startProvince().then(
  (running) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.stdout.write(
      `province ${running.config.provinceCode} node on ${running.url} (staff GraphQL at ${running.url}/graphql)\n`,
    );
  },
  (e: unknown) => {
    process.stderr.write(
      `province node failed to start: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(1);
  },
);
