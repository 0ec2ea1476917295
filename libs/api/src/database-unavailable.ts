import { ApolloPlugin } from './query-limits';

/** The error code of an answer the database could not give for a moment: try again. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** How long a client should wait before asking again, in seconds. */
const RETRY_AFTER_S = 5;

/** PostgreSQL's codes for a lost or refused connection (class 08, shutdowns, too many clients). */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** Node's socket errors, and pg's own when the server went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const CONNECTION_LOST =
  /^Connection terminated|connection timeout|Client has encountered a connection error/i;

/**
 * True when `error` (or one it wraps: TypeORM's driverError, GraphQL's originalError
 * or thrownValue, a cause) says the
 * database was unreachable or dropped the connection, as during a restart or a
 * failover, rather than that the request itself was wrong.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth += 1) {
    const { code, message, driverError, cause, originalError, thrownValue } = e as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      originalError?: unknown;
      /** graphql-js's wrapper for a thrown value it does not see as an Error. */
      thrownValue?: unknown;
    };
    if (typeof code === 'string' && (PG_UNAVAILABLE.test(code) || SOCKET_CODES.has(code)))
      return true;
    if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
    e = driverError ?? originalError ?? thrownValue ?? cause;
  }
  return false;
}

/** The part of Apollo's response this plugin reads and sets. */
interface SentResponse {
  body:
    | { kind: 'single'; singleResult: { errors?: readonly { extensions?: { code?: unknown } }[] } }
    | { kind: 'incremental' };
  http: { status?: number; headers: Map<string, string> };
}

/**
 * An answer that failed only because the database was away is HTTP 503 with
 * Retry-After, so that load balancers, province nodes and scripts retry it as they
 * retry any unavailable service, instead of reading it as a refusal.
 */
export function databaseUnavailablePlugin(): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }: { response: SentResponse }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (!errors?.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_S));
        },
      };
    },
  };
}
