// What `npm start` and `npm run start:central` run first. It loads almost nothing: the
// embedded database starts in a worker thread at once, and the app's modules (over a
// second of loading) load while it does; both are then handed to startCentral.
import { join } from 'node:path';
import type * as Api from '@tracker/api';
import type * as Bootstrap from './bootstrap';
import type { RunningCentral } from './bootstrap';
import { centralDataDir } from './platform/config/data-dir';
import type { RunMode } from './platform/config/central-config';
import { startEmbeddedDatabaseThread } from './platform/database/embedded-database-thread';

export async function launch(
  mode: RunMode,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningCentral> {
  const embedded = env.DATABASE_URL
    ? undefined
    : startEmbeddedDatabaseThread(join(centralDataDir(env), 'pg'));
  // startCentral awaits it and reports a failure; until then it must not count as unhandled
  embedded?.catch(() => undefined);
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only now, on purpose */
  require('reflect-metadata');
  (require('@tracker/api') as typeof Api).guardProcess();
  const { startCentral, stopOnSignals } = require('./bootstrap') as typeof Bootstrap;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const running = await startCentral(mode, env, undefined, embedded);
  stopOnSignals(running);
  return running;
}
