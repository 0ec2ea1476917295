import { exitUsage } from '@tracker/cli';
import { DataSource } from 'typeorm';
import { createDataSource, Schema } from '../data-source';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { migrateWithLock } from '../migrate';

/**
 * The schema a CLI works on, its one positional argument: `central` (default) or
 * `province`. Anything else is a mistake (exit 2), not a silent `central`.
 */
export function schemaArg(cli: string, args: string[]): Schema {
  if (args.length > 1) exitUsage(cli, `unexpected argument ${args[1]}`);
  const [schema = 'central'] = args;
  if (schema !== 'central' && schema !== 'province')
    exitUsage(cli, `unknown schema ${schema}: central or province`);
  return schema;
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
