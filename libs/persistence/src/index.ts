export {
  centralDataSourceOptions,
  createDataSource,
  dataSourceOptions,
  DatabaseOptions,
  Schema,
} from './data-source';
export { startEmbeddedPostgres, EmbeddedPostgres } from './embedded-postgres';
export { migrateDatabase, migrateWithLock } from './migrate';
export { waitForDatabase } from './wait-for-database';
export { databaseOnServer, ensureDatabase, withClient } from './with-client';
export { projectPath } from './project-path';
export { countStatements, statementsIssued } from './statement-counter';
export { installPgTypeParsers } from './pg-types';
export { loadReferenceUnits } from './reference/load-reference-units';
export { readProvinces2019, ProvinceRecord } from './reference/provinces';
export { CENTRAL_AGENCIES_2019 } from './reference/central-agencies';
export {
  isMergerMapName,
  MERGER_MAPS,
  MergerMapName,
  readMergerMap,
} from './reference/merger-maps';
export { CENTRAL_ENTITIES } from './entities';
export { PROVINCE_ENTITIES } from './province-entities';
export { UnitEntity } from './entities/unit.entity';
export { ProgramEntity } from './entities/program.entity';
export { PlanItemEntity } from './entities/plan-item.entity';
export { PlanVersionEntity } from './entities/plan-version.entity';
export { MilestoneEntity } from './entities/milestone.entity';
export { anyOf, centralSql, one, provinceSql, Queryable, rows, run, TypedQuery } from './typed-sql';
export type { CentralDb } from './schema/central-db';
export type { ProvinceDb } from './schema/province-db';
export { REPORTED_COLUMNS } from './reported-columns';
export * from './pg-errors';
