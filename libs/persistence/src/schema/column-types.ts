import type { ColumnType } from 'kysely';

// The column types the generated schema files (npm run db:types) use: what pg returns
// with installPgTypeParsers (pg-types.ts) and what a write may send.

/** A column with a default: optional on insert (Kysely's Generated, which also takes a ColumnType). */
export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U>
    ? ColumnType<S, I | undefined, U>
    : ColumnType<T, T | undefined, T>;

/** A timestamp: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** jsonb: read parsed, written as JSON text (pg would send a JS array as a PostgreSQL array). */
export type Json = ColumnType<unknown, string, string>;
