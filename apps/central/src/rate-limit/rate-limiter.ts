import { Logger } from '@nestjs/common';
import { bearerToken } from '@tracker/auth';
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';

export interface RateLimits {
  /** Requests a minute for one bearer token (a node pushing 500-update batches needs far fewer). */
  perToken: number;
  /** Requests a minute from one address without a token. */
  perAddress: number;
}

const WINDOW_MS = 60_000;

/**
 * Counts each caller's requests per minute in the shared database (one upsert a
 * request) so the limit holds across instances, and answers 429 RATE_LIMITED
 * with a Retry-After hint once it is spent. Limits are by the wall clock, never
 * the demo's CLOCK_NOW.
 */
export function rateLimiter(db: DataSource, limits: RateLimits) {
  const logger = new Logger('RateLimiter');
  const sweep = setInterval(() => {
    db.query(`DELETE FROM rate_window WHERE window_start < now() - interval '10 minutes'`).catch(
      () => undefined,
    );
  }, 5 * WINDOW_MS);
  sweep.unref();

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'POST') return next();
    const token = bearerToken(req.headers.authorization);
    const caller = token
      ? `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`
      : `ip:${req.ip ?? 'unknown'}`;
    const limit = token ? limits.perToken : limits.perAddress;
    const now = Date.now();
    const windowStart = new Date(now - (now % WINDOW_MS));
    try {
      const [{ count }]: { count: number }[] = await db.query(
        `INSERT INTO rate_window (caller, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (caller, window_start) DO UPDATE SET count = rate_window.count + 1
         RETURNING count`,
        [caller, windowStart],
      );
      if (count > limit) {
        const retryAfter = Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000);
        res
          .status(429)
          .setHeader('Retry-After', String(retryAfter))
          .json({
            errors: [
              {
                message: `rate limit of ${limit} requests a minute reached; retry in ${retryAfter} s`,
                extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
              },
            ],
          });
        return;
      }
    } catch (e) {
      // The limiter must not take the API down with it: count nothing, serve.
      logger.warn(`rate limiting skipped: ${String(e)}`);
    }
    next();
  };
}
