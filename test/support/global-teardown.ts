import type { EmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const servers =
    (globalThis as { __embeddedPostgres?: EmbeddedPostgres[] }).__embeddedPostgres ?? [];
  await Promise.all(servers.map((s) => s.stop()));
}
