import { databaseOnServer, startEmbeddedPostgres } from '@tracker/persistence';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface BenchDatabase {
  url: string;
  /** What the report says the numbers were measured on. */
  description: string;
  drop(): Promise<void>;
}

const EMBEDDED_MAX_CONNECTIONS = 100;

/**
 * A fresh database for one dataset: on the server named by DATABASE_URL a new
 * database beside it (dropped first if an earlier bench left it), or an
 * embedded PGlite in a scratch directory.
 */
export async function freshDatabase(
  serverUrl: string | undefined,
  scale: string,
): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'nsdb-bench-pg-'));
    // The central's, the floor's and PostGraphile's pools connect at once; past the
    // socket server's limit new connections are reset, which reads as server errors.
    const embedded = await startEmbeddedPostgres(dir, EMBEDDED_MAX_CONNECTIONS);
    return {
      url: embedded.url,
      description: 'embedded PGlite',
      drop: async () => {
        await embedded.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `nsdb_bench_${scale}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  let version: string;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    version = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`))
      .rows[0].v;
  } finally {
    await admin.end();
  }
  return {
    url: databaseOnServer(serverUrl, name),
    description: `PostgreSQL ${version}`,
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}
