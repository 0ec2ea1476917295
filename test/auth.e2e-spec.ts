import { centralAuthority } from '@tracker/auth';
import { keyId, signToken, verifyToken } from '@tracker/auth';
import { EscalationLevel, Role } from '@tracker/domain';
import jwt from 'jsonwebtoken';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintFromArgs } from '../libs/auth/src/cli/token.cli';
import { errorCode, roles, startTestCentral, TEST_SECRET, TestCentral } from './support/central';

const READ = `{ programs { code } nationalDashboard { asOf } units(kind: CENTRAL_AGENCY) { code } }`;

describe('authentication and roles', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
  });

  afterAll(async () => {
    await sut.stop();
  });

  const authority = centralAuthority(TEST_SECRET);

  it.each<[string, () => string | null]>([
    ['no token', () => null],
    ['a malformed token', () => 'garbage'],
    [
      'a token signed with another key',
      () => signToken(centralAuthority('z'.repeat(48)), { role: Role.PMO }, '1h'),
    ],
    [
      'an expired token',
      () =>
        jwt.sign({ role: 'PMO', exp: Math.floor(Date.now() / 1000) - 5 }, TEST_SECRET, {
          keyid: keyId(TEST_SECRET),
          issuer: authority.issuer,
          audience: authority.audience,
          subject: 'x',
          jwtid: 'j',
        }),
    ],
    [
      'a token for a province node’s own API',
      () =>
        signToken({ ...authority, audience: 'nsdb-tracker/province-01' }, { role: Role.PMO }, '1h'),
    ],
    [
      'a token without expiry',
      () =>
        jwt.sign({ role: 'PMO' }, TEST_SECRET, {
          keyid: keyId(TEST_SECRET),
          issuer: authority.issuer,
          audience: authority.audience,
          subject: 'x',
          jwtid: 'j',
        }),
    ],
  ])('%s gets UNAUTHENTICATED and no data', async (_name, make) => {
    const r = await sut.gql(READ, undefined, make());
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
    expect(r.data).toBeNull();
  });

  it.each([
    ['PMO', roles.pmo],
    ['OBSERVER', roles.observer],
    ['LEADER', roles.minister],
    ['PROVINCE_NODE', roles.provinceNode('79')],
    ['AGENCY', roles.agency('BCA')],
  ])('%s reads everything', async (_name, role) => {
    const r = await sut.gql(READ, undefined, sut.token(role));
    expect(r.errors).toBeUndefined();
    expect(r.data!.programs).toHaveLength(5);
    expect(r.data!.nationalDashboard.asOf).toBe('2020-03-01');
  });

  it.each([
    ['OBSERVER', roles.observer],
    ['LEADER', roles.minister],
  ])('%s may not push updates', async (_name, role) => {
    const r = await sut.gql(
      `mutation { pushMilestoneUpdates(input: { updates: [] }) { highestAckedSeq } }`,
      undefined,
      sut.token(role),
    );
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it.each([
    ['OBSERVER', roles.observer],
    ['PROVINCE_NODE', roles.provinceNode('01')],
    ['AGENCY', roles.agency('BTNMT')],
  ])('%s may not act on escalations', async (_name, role) => {
    const token = sut.token(role);
    const ack = await sut.gql(
      `mutation { acknowledgeEscalation(id: "x") { id } }`,
      undefined,
      token,
    );
    const res = await sut.gql(
      `mutation { resolveEscalation(id: "x", note: "n") { id } }`,
      undefined,
      token,
    );
    expect([errorCode(ack), errorCode(res)]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('an unknown escalation is NOT_FOUND for a leader', async () => {
    const r = await sut.gql(
      `mutation { acknowledgeEscalation(id: "00000000-0000-0000-0000-000000000000") { id } }`,
      undefined,
      sut.token(roles.minister),
    );
    expect(errorCode(r)).toBe('NOT_FOUND');
  });

  it('no internal detail reaches the client', async () => {
    const r = await sut.gql(
      `{ milestones(filter: { search: "%_\\\\'" }, first: 5) { totalCount } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.milestones.totalCount).toBe(0);
    const bad = await sut.gql(`{ nosuchfield }`);
    expect(errorCode(bad)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(bad)).not.toMatch(/stack|SELECT|node_modules/i);
  });
});

describe('npm run token', () => {
  it('mints a token the central app accepts, from TOKEN_SECRET', () => {
    const token = mintFromArgs(
      ['--role', 'LEADER', '--level', 'MINISTER', '--unit', 'BTNMT', '--ttl', '2h'],
      { TOKEN_SECRET: TEST_SECRET },
    );
    const actor = verifyToken(centralAuthority(TEST_SECRET), token);
    expect(actor).toMatchObject({ role: 'LEADER', level: EscalationLevel.MINISTER, unit: 'BTNMT' });
    const { exp, iat } = jwt.decode(token) as { exp: number; iat: number };
    expect(exp - iat).toBe(7200);
  });

  it('keeps a generated demo key in DATA_DIR and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-token-'));
    const first = mintFromArgs(['--role', 'PMO'], { DATA_DIR: dir });
    const key = readFileSync(join(dir, 'token-secret'), 'utf8').trim();
    expect(statSync(join(dir, 'token-secret')).mode & 0o777).toBe(0o600);
    expect(verifyToken(centralAuthority(key), first).role).toBe('PMO');
    const second = mintFromArgs(['--role', 'PROVINCE_NODE', '--unit', '01'], { DATA_DIR: dir });
    expect(verifyToken(centralAuthority(key), second).unit).toBe('01');
  });

  it.each([
    [['--unit', '01']],
    [['--role', 'KING']],
    [['--role', 'PROVINCE_NODE']],
    [['--role', 'PMO', '--ttl', 'forever']],
  ])('refuses %j', (args) => {
    expect(() => mintFromArgs(args, { TOKEN_SECRET: TEST_SECRET })).toThrow();
  });
});
