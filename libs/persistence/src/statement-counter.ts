import { Client } from 'pg';

let statements = 0;
let installed = false;

/**
 * Counts every statement this process sends through `pg` (TypeORM's driver
 * included), so an N+1 shows as a number on /metrics rather than as a
 * suspicion. One integer increment a query; installed once per process.
 */
export function countStatements(): void {
  if (installed) return;
  installed = true;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as { query: unknown }).query = function (this: Client, ...args: unknown[]) {
    statements += 1;
    return query.apply(this, args);
  };
}

export function statementsIssued(): number {
  return statements;
}
