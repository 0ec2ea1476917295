import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import type { Server } from 'node:http';

/** Longest either timeout may be: Node's default requestTimeout, which headersTimeout must not exceed. */
const MAX_TIMEOUT_MS = 300_000;

/** One check and one message per variable (IsInt, Min and Max would each repeat it for "abc"). */
const IsWholeMs = (variable: string) =>
  ValidateBy(
    {
      name: 'wholeMilliseconds',
      validator: {
        validate: (value) => Number.isInteger(value) && value >= 1000 && value <= MAX_TIMEOUT_MS,
      },
    },
    {
      message: `${variable} must be a whole number of milliseconds from 1000 to ${MAX_TIMEOUT_MS}`,
    },
  );

/**
 * How long an HTTP server keeps an idle keep-alive connection, and how long it waits for a
 * request's headers (both apps read these from their environment). Node's own keep-alive
 * default is 5 s; a load balancer or client that keeps idle connections for 60 s (a common
 * default) would then send a request on a socket the server is closing and see a reset. The
 * server must outlast its clients, so the defaults are above 60 s, and headersTimeout exceeds
 * keepAliveTimeout so a request that arrives just before the keep-alive deadline is not cut off.
 */
export class HttpTimeouts {
  @Transform(({ value }) => (value === undefined || value === '' ? 65_000 : Number(value)))
  @IsWholeMs('HTTP_KEEP_ALIVE_TIMEOUT_MS')
  keepAliveTimeoutMs: number;

  @Transform(({ value }) => (value === undefined || value === '' ? 66_000 : Number(value)))
  @IsWholeMs('HTTP_HEADERS_TIMEOUT_MS')
  @ValidateBy(
    {
      name: 'exceedsKeepAliveTimeout',
      validator: {
        validate: (value, args) => {
          const keepAlive = (args?.object as HttpTimeouts).keepAliveTimeoutMs;
          // a bad keep-alive value is reported on its own
          return !Number.isInteger(keepAlive) || (typeof value === 'number' && value > keepAlive);
        },
      },
    },
    { message: 'HTTP_HEADERS_TIMEOUT_MS must be greater than HTTP_KEEP_ALIVE_TIMEOUT_MS' },
  )
  headersTimeoutMs: number;
}

/** The environment variables HttpTimeouts is read from, as plainToInstance takes them. */
export function httpTimeoutsFromEnv(env: Record<string, string | undefined>) {
  return {
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
  };
}

/** Sets them on the app's server; call before it listens. */
export function applyHttpTimeouts(server: Server, timeouts: HttpTimeouts): void {
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.headersTimeout = timeouts.headersTimeoutMs;
}
