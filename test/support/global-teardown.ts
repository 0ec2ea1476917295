import type { EmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __embeddedPostgres?: EmbeddedPostgres }).__embeddedPostgres?.stop();
}
