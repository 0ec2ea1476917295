// Runs in a worker thread (embedded-database-thread.ts): the embedded PostgreSQL and its
// socket, started here while the main thread loads the app, and stopped when asked.
import 'reflect-metadata';
import { startEmbeddedPostgres } from '@tracker/persistence';
import { parentPort, workerData } from 'node:worker_threads';

const { dataDir } = workerData as { dataDir: string };

startEmbeddedPostgres(dataDir).then(
  (db) => {
    parentPort!.postMessage({ url: db.url });
    parentPort!.once('message', () => {
      // the only message is 'stop': close cleanly so the data directory is flushed
      db.stop().then(
        () => parentPort!.postMessage({ stopped: true }),
        (e: unknown) => parentPort!.postMessage({ error: describe(e) }),
      );
    });
  },
  (e: unknown) => parentPort!.postMessage({ error: describe(e) }),
);

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
