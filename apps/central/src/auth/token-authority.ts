import { TokenAuthority } from '@tracker/auth';

export const CENTRAL_ISSUER = 'nsdb-tracker/central';

/** Injection token for the central app's signing and verifying key. */
export const TOKEN_AUTHORITY = Symbol('TOKEN_AUTHORITY');

export function centralAuthority(secret: string): TokenAuthority {
  return { secret, issuer: CENTRAL_ISSUER, audience: CENTRAL_ISSUER };
}
