import { verifyToken } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { revokeFromArgs } from '../libs/auth/src/cli/token.cli';
import { sql } from './support/database';
import { errorCode, roles, startTestCentral, TEST_SECRET, TestCentral } from './support/central';

/**
 * A stolen province node token, revoked on one central instance, is refused by
 * every instance as soon as they hear of it on the change bus (NOTIFY on a server).
 * The periodic reload is left at its 5-minute default, so only the bus can pass this.
 */
describe('token revocation across instances', () => {
  let one: TestCentral;
  let two: TestCentral;
  beforeAll(async () => {
    one = await startTestCentral();
    two = await startTestCentral({ keepData: true });
  });

  afterAll(async () => {
    await one.stop();
    await two.stop();
  });

  const READ = '{ programs { code } }';

  async function refusedBy(sut: TestCentral, token: string, ms = 5000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (errorCode(await sut.gql(READ, undefined, token)) === 'UNAUTHENTICATED') return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  it('refuses a revoked token on both instances; other tokens keep working', async () => {
    const stolen = one.token(roles.provinceNode('01'));
    const other = one.token(roles.provinceNode('01'));
    const { jti } = verifyToken(one.running.authority, stolen);
    expect((await two.gql(READ, undefined, stolen)).errors).toBeUndefined();

    const r = await one.gql(
      `mutation($jti: ID!) { revokeToken(jti: $jti, reason: "Máy trạm bị mất") }`,
      { jti },
    );
    expect(r.data).toEqual({ revokeToken: true });
    expect(await refusedBy(one, stolen, 100)).toBe(true);
    expect(await refusedBy(two, stolen)).toBe(true);
    expect((await two.gql(READ, undefined, other)).errors).toBeUndefined();
    const [row] = await sql<{ revoked_by: string; reason: string }>(
      `SELECT revoked_by, reason FROM revoked_token WHERE jti = $1`,
      [jti],
    );
    expect(row).toEqual({ revoked_by: 'pmo', reason: 'Máy trạm bị mất' });
  });

  it('only the PMO may revoke, and only a token id', async () => {
    const jti = '00000000-0000-4000-8000-000000000000';
    const r = await one.gql(
      `mutation($jti: ID!) { revokeToken(jti: $jti) }`,
      { jti },
      one.token(roles.minister),
    );
    expect(errorCode(r)).toBe('FORBIDDEN');
    const bad = await one.gql(`mutation { revokeToken(jti: "not-a-jti") }`);
    expect(bad.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'jti' });
    expect(await sql(`SELECT 1 FROM revoked_token WHERE jti IN ($1, 'not-a-jti')`, [jti])).toEqual(
      [],
    );
  });

  it('npm run token -- revoke <jti> revokes through the central API', async () => {
    const token = one.token({ role: Role.OBSERVER });
    const { jti } = verifyToken(one.running.authority, token);
    const out = await revokeFromArgs([jti, '--central', two.url, '--reason', 'rời nhiệm sở'], {
      TOKEN_SECRET: TEST_SECRET,
    });
    expect(out).toBe(`revoked ${jti}`);
    expect(await refusedBy(one, token)).toBe(true);
  });
});
