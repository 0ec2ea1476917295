import { TokenAuthority } from './tokens';

export const CENTRAL_ISSUER = 'nsdb-tracker/central';

/** Each app signs and accepts only its own tokens: a node's staff token is no central token. */
export function centralAuthority(secret: string): TokenAuthority {
  return { secret, issuer: CENTRAL_ISSUER, audience: CENTRAL_ISSUER };
}

export function provinceIssuer(provinceCode: string): string {
  return `nsdb-tracker/province-${provinceCode}`;
}

export function provinceAuthority(provinceCode: string, secret: string): TokenAuthority {
  const issuer = provinceIssuer(provinceCode);
  return { secret, issuer, audience: issuer };
}
