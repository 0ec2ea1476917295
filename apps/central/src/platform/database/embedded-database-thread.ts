import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** What the thread answers: its URL once started, that it stopped, or why it could not. */
type ThreadMessage = { url: string } | { stopped: true } | { error: string };

export interface EmbeddedDatabaseThread {
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded PostgreSQL in a worker thread, for a process about to load the app:
 * PGlite's start (most of a second of WebAssembly) runs on the other core while the
 * modules load, and its queries run off the app's event loop. Imports nothing heavy,
 * so the caller can start it before anything else. Only from the built tree (the
 * worker is the compiled embedded-database.worker.js beside this file).
 */
export function startEmbeddedDatabaseThread(dataDir: string): Promise<EmbeddedDatabaseThread> {
  const worker = new Worker(join(__dirname, 'embedded-database.worker.js'), {
    workerData: { dataDir },
  });
  const next = () =>
    new Promise<ThreadMessage>((resolve, reject) => {
      const onExit = (code: number) =>
        reject(new Error(`the embedded database thread ended (exit code ${code})`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (m: ThreadMessage) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(m);
      });
    });
  return next().then(async (started) => {
    if (!('url' in started)) {
      await worker.terminate();
      throw new Error(`embedded database: ${'error' in started ? started.error : 'no URL'}`);
    }
    return {
      url: started.url,
      async stop() {
        const stopped = next();
        worker.postMessage('stop');
        const answer = await stopped;
        await worker.terminate();
        if ('error' in answer) throw new Error(`embedded database: ${answer.error}`);
      },
    };
  });
}
