import { DataSource } from 'typeorm';
import { createDataSource, Schema } from '../data-source';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { migrateWithLock } from '../migrate';

/** The schema a CLI works on: `central` (default) or `province`, from its arguments. */
export function schemaArg(args: string[]): Schema {
  return args.includes('province') ? 'province' : 'central';
}

/**
 * Runs `work` on a migrated database: DATABASE_URL when set, otherwise a
 * throw-away in-memory embedded PostgreSQL.
 */
export async function withMigratedDatabase<T>(
  schema: Schema,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(null);
  const ds = createDataSource(schema, { url: process.env.DATABASE_URL ?? embedded!.url });
  await ds.initialize();
  try {
    await migrateWithLock(ds);
    return await work(ds);
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

/** The SQL TypeORM would run to bring the database in line with the entities. */
export async function pendingSchemaChanges(
  ds: DataSource,
): Promise<{ up: string[]; down: string[] }> {
  const log = await ds.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query),
  };
}
