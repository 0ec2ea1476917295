/** PostgreSQL's unique_violation: a write met a key that exists already (a code taken, a key seen). */
const UNIQUE_VIOLATION = '23505';

/** True when a failed query broke a unique constraint: a caller's mistake, told as such. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION;
}
