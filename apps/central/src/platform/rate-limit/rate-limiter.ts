import { bearerToken } from '@tracker/auth';
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RateCounter } from './rate-counter';
import { RateDecision } from './rate-window';

export interface RateLimits {
  /** Requests a minute for one bearer token (a node pushing 500-update batches needs far fewer). */
  perToken: number;
  /** Requests a minute from one address without a token. */
  perAddress: number;
}

/**
 * Limits POSTs per caller (bearer token, else address) per wall-clock minute with
 * the shared `counter`, and answers 429 RATE_LIMITED with a Retry-After hint once
 * the minute is spent.
 */
export function rateLimiter(counter: RateCounter, limits: RateLimits) {
  const answer = (decision: RateDecision, limit: number, res: Response, next: NextFunction) => {
    if (decision.allowed) return next();
    const retryAfter = decision.retryAfterSeconds;
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
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    const token = bearerToken(req.headers.authorization);
    const caller = token
      ? `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`
      : `ip:${req.ip ?? 'unknown'}`;
    const limit = token ? limits.perToken : limits.perAddress;
    const decision = counter.take(caller, limit);
    if (decision instanceof Promise)
      decision.then(
        (d) => answer(d, limit, res, next),
        // Never rejects; should it, the limiter must not take the API down.
        () => next(),
      );
    else answer(decision, limit, res, next);
  };
}
