import { DomainError } from '@tracker/domain';

/**
 * Opaque keyset cursors: the sort key of the last row, base64url-encoded JSON.
 * Clients must not build them; a malformed one is BAD_USER_INPUT on `after`.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  // Our cursors are a few dozen characters; anything long is not one of them.
  if (cursor.length > 300) throw DomainError.badInput('after', 'not a cursor this API issued');
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the refusal
  }
  throw DomainError.badInput('after', 'not a cursor this API issued');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else names nothing (and must not reach a uuid cast in SQL). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** Pages are bounded so that no single request reads the whole national table. */
export const MAX_PAGE_SIZE = 200;

export function pageSize(first: number | null | undefined, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw DomainError.badInput('first', `first is from 0 to ${MAX_PAGE_SIZE}`);
  }
  return n;
}
