import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { CENTRAL_ENTITIES } from './entities';
import { installPgTypeParsers } from './pg-types';

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool; the embedded server is sized above it. */
  poolSize?: number;
  applicationName?: string;
}

/** One description of the central database for the app, the CLIs and the tests. */
export function centralDataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  installPgTypeParsers();
  return {
    type: 'postgres',
    url: options.url,
    entities: CENTRAL_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built in since PostgreSQL 13; uuid-ossp is not in PGlite.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    applicationName: options.applicationName ?? 'nsdb-tracker',
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 },
    // Failures surface as exceptions that the app maps and logs once; TypeORM's own
    // console logging would print them twice, with their SQL.
    logging: false,
  };
}

export function createCentralDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(centralDataSourceOptions(options));
}
