import { DomainError, DomainErrorCode, EscalationLevel, Role } from '@tracker/domain';
import jwt from 'jsonwebtoken';
import { bearerToken, keyId, parseTtl, signToken, TokenAuthority, verifyToken } from './tokens';

const authority: TokenAuthority = {
  secret: 'x'.repeat(40),
  issuer: 'nsdb-tracker/central',
  audience: 'nsdb-tracker/central',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe(verifyToken.name, () => {
  it('round-trips the claims of a minted token', () => {
    const token = signToken(
      authority,
      { role: Role.LEADER, level: EscalationLevel.MINISTER, unit: 'BTNMT' },
      '1h',
    );
    const actor = verifyToken(authority, token);
    expect(actor).toMatchObject({
      role: Role.LEADER,
      level: EscalationLevel.MINISTER,
      unit: 'BTNMT',
      sub: 'leader:BTNMT:minister',
    });
    expect(actor.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each<[string, () => string]>([
    [
      'another key',
      () => signToken({ ...authority, secret: 'y'.repeat(40) }, { role: Role.PMO }, '1h'),
    ],
    [
      'another audience',
      () =>
        signToken({ ...authority, audience: 'nsdb-tracker/province-01' }, { role: Role.PMO }, '1h'),
    ],
    [
      'another issuer',
      () => signToken({ ...authority, issuer: 'someone' }, { role: Role.PMO }, '1h'),
    ],
    [
      'an expired token',
      () =>
        jwt.sign({ role: 'PMO', exp: Math.floor(Date.now() / 1000) - 10 }, authority.secret, {
          keyid: keyId(authority.secret),
          issuer: authority.issuer,
          audience: authority.audience,
          subject: 's',
          jwtid: 'j',
        }),
    ],
    [
      'no expiry',
      () =>
        jwt.sign({ role: 'PMO' }, authority.secret, {
          keyid: keyId(authority.secret),
          issuer: authority.issuer,
          audience: authority.audience,
          subject: 's',
          jwtid: 'j',
        }),
    ],
    [
      'alg none',
      () =>
        jwt.sign({ role: 'PMO' }, '', {
          algorithm: 'none',
          issuer: authority.issuer,
          audience: authority.audience,
          expiresIn: 60,
        }),
    ],
    [
      'an unknown role',
      () =>
        jwt.sign({ role: 'KING' }, authority.secret, {
          keyid: keyId(authority.secret),
          issuer: authority.issuer,
          audience: authority.audience,
          subject: 's',
          jwtid: 'j',
          expiresIn: 60,
        }),
    ],
    [
      'a tampered payload',
      () => {
        const [h, , s] = signToken(authority, { role: Role.OBSERVER }, '1h').split('.');
        const forged = Buffer.from(
          JSON.stringify({
            role: 'PMO',
            sub: 'x',
            jti: 'j',
            exp: 9999999999,
            iss: authority.issuer,
            aud: authority.audience,
          }),
        ).toString('base64url');
        return `${h}.${forged}.${s}`;
      },
    ],
    ['garbage', () => 'not.a.token'],
  ])('refuses %s as UNAUTHENTICATED', (_name, make) => {
    expect(codeOf(() => verifyToken(authority, make()))).toBe(DomainErrorCode.UNAUTHENTICATED);
  });
});

describe('key rotation', () => {
  const oldKey = { ...authority, secret: 'o'.repeat(40) };
  const rolled = { ...authority, previousSecrets: [oldKey.secret] };

  it('accepts tokens of a previous key while it is listed, and signs with the current one', () => {
    const old = signToken(oldKey, { role: Role.PMO }, '1h');
    expect(verifyToken(rolled, old).role).toBe(Role.PMO);
    expect(codeOf(() => verifyToken(authority, old))).toBe(DomainErrorCode.UNAUTHENTICATED);
    const current = signToken(rolled, { role: Role.OBSERVER }, '1h');
    expect(jwt.decode(current, { complete: true })!.header.kid).toBe(keyId(authority.secret));
    expect(verifyToken(authority, current).role).toBe(Role.OBSERVER);
  });

  it('refuses a token without a key id', () => {
    const bare = jwt.sign({ role: 'PMO' }, authority.secret, {
      issuer: authority.issuer,
      audience: authority.audience,
      subject: 's',
      jwtid: 'j',
      expiresIn: 60,
    });
    expect(codeOf(() => verifyToken(authority, bare))).toBe(DomainErrorCode.UNAUTHENTICATED);
  });
});

describe(signToken.name, () => {
  it.each<[string, Parameters<typeof signToken>[1]]>([
    ['a node without its province', { role: Role.PROVINCE_NODE }],
    ['a leader without a level', { role: Role.LEADER, unit: '01' }],
    ['a level on a non-leader', { role: Role.PMO, level: EscalationLevel.MINISTER }],
    ['a lower-case unit', { role: Role.AGENCY, unit: 'btnmt' }],
  ])('refuses to mint %s', (_name, request) => {
    expect(codeOf(() => signToken(authority, request, '1h'))).toBe(DomainErrorCode.BAD_USER_INPUT);
  });

  it('mints a GOVERNMENT leader without a unit', () => {
    const actor = verifyToken(
      authority,
      signToken(authority, { role: Role.LEADER, level: EscalationLevel.GOVERNMENT }, '1h'),
    );
    expect(actor.level).toBe(EscalationLevel.GOVERNMENT);
  });
});

describe(parseTtl.name, () => {
  it.each([
    ['1h', 3600],
    ['30d', 2592000],
    ['90s', 90],
  ])('%s → %d s', (ttl, s) => expect(parseTtl(ttl)).toBe(s));
  it.each(['0h', '1y', '-1h', '400d', 'soon'])('refuses %s', (ttl) => {
    expect(codeOf(() => parseTtl(ttl))).toBe(DomainErrorCode.BAD_USER_INPUT);
  });
});

describe(bearerToken.name, () => {
  it('reads the token from the header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
