/** PostgreSQL's unique_violation: a write met a key that exists already (a code taken, a key seen). */
const UNIQUE_VIOLATION = '23505';

/**
 * True when a failed query broke a unique constraint (that one, when named; a driver that
 * does not name it counts as it): a caller's mistake, told as such.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const error = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
  return (
    error?.code === UNIQUE_VIOLATION &&
    (constraint === undefined || (error.constraint ?? constraint) === constraint)
  );
}
