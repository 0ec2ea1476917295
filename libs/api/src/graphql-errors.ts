import { Logger } from '@nestjs/common';
import { DomainError } from '@tracker/domain';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE } from './database-unavailable';

const logger = new Logger('GraphQLErrors');

/** Codes a client may see as they are; anything else is internal. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
]);

/**
 * The second and third error layers: a DomainError becomes its code (and field);
 * GraphQL's own parse and validation errors pass as they are; a database that is
 * away for a moment is SERVICE_UNAVAILABLE (HTTP 503: databaseUnavailablePlugin); anything else is
 * logged here and reaches the client as a bare INTERNAL_SERVER_ERROR, with no
 * message, SQL or stack of ours.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const domain = findDomainError(original);
  if (domain) {
    const extensions: Record<string, unknown> = { code: domain.code };
    const field = variablePath(formatted.message) ?? domain.field;
    if (field) extensions.field = field;
    return {
      message: domain.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions,
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    return {
      message: formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code },
    };
  }
  if (isDatabaseUnavailable(original)) {
    logger.warn(
      `database unavailable at ${formatted.path?.join('.') ?? '(request)'}: ${String(original)}`,
    );
    return {
      message: 'The database is unavailable for a moment: try again shortly.',
      path: formatted.path,
      extensions: { code: SERVICE_UNAVAILABLE },
    };
  }
  logger.error(
    `unexpected error at ${formatted.path?.join('.') ?? '(request)'}: ${describe(original)}`,
  );
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * A scalar refusing a variable knows only its own type; graphql-js names where the
 * value sat ('Variable "$input" got invalid value … at "input.items[0].baselineDue"').
 * An object variable's own name is dropped (class-validator's paths start inside
 * the argument); a list variable keeps it ('updates[0].forecastDue').
 */
function variablePath(message: string): string | undefined {
  const m = /^Variable "\$([^"]+)" got invalid value .* at "([^"]+)"/.exec(message);
  if (!m) return undefined;
  const [, variable, path] = m;
  return path.startsWith(`${variable}.`) ? path.slice(variable.length + 1) : path;
}

function findDomainError(error: unknown): DomainError | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth += 1) {
    if (e instanceof DomainError) return e;
    e = e instanceof GraphQLError ? e.originalError : e instanceof Error ? e.cause : undefined;
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
