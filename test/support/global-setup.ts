import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';

/**
 * One database for the whole run: the real server named by DATABASE_URL, or else
 * an in-memory embedded PostgreSQL served on a loopback port. PGlite starts here,
 * outside jest's module sandbox, where its WebAssembly loads normally.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_MODE = 'postgres';
    return;
  }
  const embedded = await startEmbeddedPostgres(null, 40);
  process.env.DATABASE_URL = embedded.url;
  process.env.TEST_DATABASE_MODE = 'embedded';
  (globalThis as { __embeddedPostgres?: typeof embedded }).__embeddedPostgres = embedded;
}
