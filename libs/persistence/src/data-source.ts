import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { PROVINCE_MIGRATIONS } from '../../../migrations/province';
import { CENTRAL_ENTITIES } from './entities';
import { installPgTypeParsers } from './pg-types';
import { PROVINCE_ENTITIES } from './province-entities';

/** The two databases of the product: the centre's, and each province node's own. */
export type Schema = 'central' | 'province';

const SCHEMAS = {
  central: { entities: CENTRAL_ENTITIES, migrations: MIGRATIONS },
  province: { entities: PROVINCE_ENTITIES, migrations: PROVINCE_MIGRATIONS },
};

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool; the embedded server is sized above it. */
  poolSize?: number;
  applicationName?: string;
}

/** One description of a database for the app, the CLIs and the tests. */
export function dataSourceOptions(schema: Schema, options: DatabaseOptions): DataSourceOptions {
  installPgTypeParsers();
  return {
    type: 'postgres',
    url: options.url,
    entities: SCHEMAS[schema].entities,
    migrations: SCHEMAS[schema].migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built in since PostgreSQL 13; uuid-ossp is not in PGlite.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    applicationName: options.applicationName ?? `nsdb-${schema}`,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      // No JIT: a board's statement is estimated costly enough to compile (jit_above_cost)
      // and then runs in well under the ~250 ms the compiling took (seen on the as-of
      // board at the national bench scale). PGlite has no JIT and ignores the option.
      options: '-c jit=off',
    },
    // Failures surface as exceptions that the app maps and logs once; TypeORM's own
    // console logging would print them twice, with their SQL.
    logging: false,
  };
}

export function centralDataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return dataSourceOptions('central', options);
}

export function createDataSource(schema: Schema, options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(schema, options));
}
