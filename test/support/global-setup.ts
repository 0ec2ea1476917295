import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';

/** Province nodes that tests run inside jest get one of these embedded databases each. */
const NODE_DATABASES = 3;

/**
 * One database for the whole run: the real server named by DATABASE_URL, or else
 * an in-memory embedded PostgreSQL served on a loopback port; in embedded mode, a
 * few more for province nodes run inside jest. PGlite starts here, outside jest's
 * module sandbox, where its WebAssembly loads (inside it cannot).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_MODE = 'postgres';
    return;
  }
  const central = await startEmbeddedPostgres(null, 40);
  const nodes = await Promise.all(
    Array.from({ length: NODE_DATABASES }, () => startEmbeddedPostgres(null, 12)),
  );
  process.env.DATABASE_URL = central.url;
  process.env.TEST_DATABASE_MODE = 'embedded';
  process.env.TEST_NODE_DATABASE_URLS = nodes.map((n) => n.url).join(',');
  (globalThis as { __embeddedPostgres?: (typeof central)[] }).__embeddedPostgres = [
    central,
    ...nodes,
  ];
}
