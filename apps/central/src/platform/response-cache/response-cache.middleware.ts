import { bearerToken } from '@tracker/auth';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { Clock } from '../clock/clock';
import { ResponseCache } from './response-cache';

export interface TokenStanding {
  isRevoked(jti: string): boolean;
}

export interface BusState {
  /** False while change announcements may be missed: nothing is served from the cache then. */
  readonly reliable: boolean;
}

/**
 * Serves a stored answer before the GraphQL pipeline when the same bearer asks
 * the same query again in the same generation; when the answer is being
 * computed for an identical request, waits for that instead of computing it.
 * The token's signature was verified when the answer was computed (the key
 * holds the exact token); its expiry and revocation are checked again here, on
 * every hit. Runs after the
 * rate limiter, and only JSON bodies reach it (no CSRF-simple requests).
 */
export function responseCacheMiddleware(
  cache: ResponseCache,
  clock: Clock,
  tokens: TokenStanding,
  bus: BusState,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown };
    if (!cache.enabled || !bus.reliable || req.method !== 'POST' || typeof body?.query !== 'string')
      return next();
    const token = bearerToken(req.headers.authorization);
    if (!token) return next();
    const key = ResponseCache.key({
      token,
      today: clock.today(),
      query: body.query,
      variables: body.variables,
      operationName: body.operationName,
    });
    const stored = cache.get(key);
    if (stored) return stillGood(token, tokens) ? send(res, stored) : next();
    const computing = cache.flights.follow(key);
    if (computing) {
      // The leader's token is this one, verified by its guard; standing is checked again here.
      void computing.then((answer) =>
        answer && stillGood(token, tokens) ? send(res, answer) : next(),
      );
      return;
    }
    cache.flights.lead(req, key);
    // Whatever becomes of the request (refused, failed, dropped), its followers are released.
    res.on('close', () => cache.flights.settle(req, undefined));
    next();
  };
}

function send(res: Response, answer: Buffer): void {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': answer.length,
  });
  res.end(answer);
}

/** Not expired (wall clock) and not revoked since the answer was computed. */
function stillGood(token: string, tokens: TokenStanding): boolean {
  const claims = jwt.decode(token, { json: true });
  if (!claims || typeof claims.exp !== 'number' || typeof claims.jti !== 'string') return false;
  return claims.exp * 1000 > Date.now() && !tokens.isRevoked(claims.jti);
}
