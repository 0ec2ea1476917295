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
 * the same query again in the same generation. The token's signature was
 * verified when the answer was computed (the key holds the exact token); its
 * expiry and revocation are checked again here, on every hit. Runs after the
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
    const answer = cache.get(
      ResponseCache.key({
        token,
        today: clock.today(),
        query: body.query,
        variables: body.variables,
        operationName: body.operationName,
      }),
    );
    if (!answer || !stillGood(token, tokens)) return next();
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': answer.length,
    });
    res.end(answer);
  };
}

/** Not expired (wall clock) and not revoked since the answer was computed. */
function stillGood(token: string, tokens: TokenStanding): boolean {
  const claims = jwt.decode(token, { json: true });
  if (!claims || typeof claims.exp !== 'number' || typeof claims.jti !== 'string') return false;
  return claims.exp * 1000 > Date.now() && !tokens.isRevoked(claims.jti);
}
