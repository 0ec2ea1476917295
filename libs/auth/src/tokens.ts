import { createHash, createSecretKey, KeyObject, randomUUID } from 'node:crypto';
import { DomainError } from '@tracker/domain';
import jwt from 'jsonwebtoken';
import { Actor } from './actor';
import { checkClaims, TokenRequest } from './token-claims';

/** HS256 only: a token naming another algorithm (or none) is refused. */
const ALGORITHM = 'HS256';

export interface TokenAuthority {
  secret: string;
  /** Who signs: 'nsdb-tracker/central' or 'nsdb-tracker/province-01'. */
  issuer: string;
  /** Who accepts: the same app. */
  audience: string;
  /** Keys being rolled out: tokens they signed still verify (found by their kid) until removed. */
  previousSecrets?: string[];
}

const verificationKeys = new Map<string, KeyObject>();

/**
 * The secret as a key object, made once: given a string, jsonwebtoken first tries
 * it as a public key and builds a new key object on every verification (4% of
 * the central's CPU when 63 nodes push at once).
 */
function verificationKey(secret: string): KeyObject {
  let key = verificationKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    verificationKeys.set(secret, key);
  }
  return key;
}

/** A short public name for the key, so a rolled-in key can be told from the old one. */
export function keyId(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

const TTL = /^(\d+)([smhd])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
/** Even a province node's token is re-issued at least yearly. */
const MAX_TTL_SECONDS = 366 * 86400;

export function parseTtl(ttl: string): number {
  const m = TTL.exec(ttl);
  const seconds = m ? Number(m[1]) * UNIT_SECONDS[m[2]] : NaN;
  if (!(seconds > 0 && seconds <= MAX_TTL_SECONDS)) {
    throw DomainError.badInput(
      'ttl',
      'ttl is a number and a unit (s, m, h, d), e.g. 1h or 30d, at most 366d',
    );
  }
  return seconds;
}

export function signToken(authority: TokenAuthority, request: TokenRequest, ttl: string): string {
  const claims = checkClaims(request);
  const payload: Record<string, string> = { role: claims.role };
  if (claims.unit) payload.unit = claims.unit;
  if (claims.level) payload.level = claims.level;
  return jwt.sign(payload, authority.secret, {
    algorithm: ALGORITHM,
    expiresIn: parseTtl(ttl),
    issuer: authority.issuer,
    audience: authority.audience,
    subject: request.sub ?? defaultSubject(claims),
    jwtid: randomUUID(),
    keyid: keyId(authority.secret),
  });
}

function defaultSubject(claims: TokenRequest): string {
  return [claims.role.toLowerCase(), claims.unit, claims.level?.toLowerCase()]
    .filter(Boolean)
    .join(':');
}

/**
 * The actor a bearer token names, or UNAUTHENTICATED. Expiry is by the real
 * clock, never the demo's CLOCK_NOW: a token is a security fact, not a plan date.
 */
export function verifyToken(authority: TokenAuthority, token: string): Actor {
  let decoded: jwt.JwtPayload;
  try {
    const kid = jwt.decode(token, { complete: true })?.header.kid;
    const secret = [authority.secret, ...(authority.previousSecrets ?? [])].find(
      (s) => keyId(s) === kid,
    );
    if (!secret) throw new Error('signed with a key this app does not hold');
    const result = jwt.verify(token, verificationKey(secret), {
      algorithms: [ALGORITHM],
      issuer: authority.issuer,
      audience: authority.audience,
    });
    if (typeof result === 'string') throw new Error('payload is not an object');
    decoded = result;
  } catch (e) {
    const why =
      e instanceof jwt.TokenExpiredError ? 'the token has expired' : 'the token is not valid here';
    throw DomainError.unauthenticated(why);
  }
  if (
    typeof decoded.exp !== 'number' ||
    typeof decoded.sub !== 'string' ||
    typeof decoded.jti !== 'string'
  ) {
    throw DomainError.unauthenticated('the token lacks an expiry, a subject or an id');
  }
  let claims: TokenRequest;
  try {
    claims = checkClaims(decoded as Record<string, unknown>);
  } catch {
    throw DomainError.unauthenticated('the token names no valid role');
  }
  const issuedAt = typeof decoded.iat === 'number' ? new Date(decoded.iat * 1000) : undefined;
  return { sub: decoded.sub, jti: decoded.jti, issuedAt, ...claims };
}

/** The token in an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}
