import { Actor } from '@tracker/auth';
import type { Request } from 'express';

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The part of a GraphQL context every app has: the HTTP request, with the caller once authenticated. */
export interface ApiContext {
  req: AuthenticatedRequest;
}

/** Injection token for the app's signing and verifying key (a TokenAuthority). */
export const TOKEN_AUTHORITY = Symbol('TOKEN_AUTHORITY');

/** Injection token for an optional { isRevoked(jti) } the guard consults after verifying a token. */
export const TOKEN_REVOCATIONS = Symbol('TOKEN_REVOCATIONS');

export interface TokenRevocations {
  isRevoked(jti: string): boolean;
}
