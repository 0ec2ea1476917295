import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freshClusterTemplate, isFreshCluster, keepFreshClusterTemplate } from './pglite-template';
import { WireQueue } from './wire-queue';

export interface EmbeddedPostgres {
  /** A postgres:// URL for the ordinary pg driver: one code path for both modes. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly), persisted in `dataDir` (or in memory
 * when null), served over the wire protocol on a free loopback port so TypeORM's
 * pg driver talks to it exactly as to a real server.
 */
export async function startEmbeddedPostgres(
  dataDir: string | null,
  maxConnections = 20,
): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // a new database unpacks a kept fresh cluster rather than run initdb (pglite-template.ts)
  const fresh = isFreshCluster(dataDir);
  const template = fresh ? freshClusterTemplate() : undefined;
  const db = await PGlite.create(dataDir ?? undefined, {
    extensions: { btree_gist, pg_trgm },
    ...(template ? { loadDataDir: template } : {}),
  });
  if (fresh && !template) await keepFreshClusterTemplate(db);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  // See wire-queue.ts: the bundled queue interleaves concurrent connections' exchanges.
  (server as unknown as { queryQueue: WireQueue }).queryQueue = new WireQueue(db);
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
