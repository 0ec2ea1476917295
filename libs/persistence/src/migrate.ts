import { DataSource } from 'typeorm';
import { createDataSource, Schema } from './data-source';

/** Arbitrary but fixed: every instance of the app takes the same lock. */
const MIGRATION_LOCK_KEY = 4_020_191_108;

/**
 * Runs pending migrations while holding a session advisory lock, so that two
 * instances starting together never apply the same migration twice: the second
 * waits, then finds nothing to do.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Brings a database to the current schema before an app starts on it, on a
 * connection of its own, so that nothing in the app (a sync loop, a scheduler)
 * ever runs against an old schema.
 */
export async function migrateDatabase(schema: Schema, url: string): Promise<string[]> {
  const dataSource = createDataSource(schema, {
    url,
    poolSize: 2,
    applicationName: `nsdb-${schema}-migrate`,
  });
  await dataSource.initialize();
  try {
    return await migrateWithLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
