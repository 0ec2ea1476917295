import { CuttableProxy } from './support/cuttable-proxy';
import { testDatabaseUrl } from './support/database';
import { startTestCentral, TestCentral } from './support/central';

/**
 * The database away for a moment (a restart, a failover): a read answers HTTP 503,
 * SERVICE_UNAVAILABLE, with Retry-After, which clients retry, not a bare internal
 * error; once it is back the same app answers again.
 */
describe('a read while the database is unreachable', () => {
  let proxy: CuttableProxy;
  let sut: TestCentral;

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl());
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.up();
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    sut = await startTestCentral({ env: { DATABASE_URL: target.toString() } });
  });

  afterAll(async () => {
    await proxy.up();
    await sut.stop();
    await proxy.down();
  });

  async function post(query: string) {
    const res = await fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${sut.token({ role: 'PMO' } as never)}`,
      },
      body: JSON.stringify({ query }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as any,
    };
  }

  it('answers 503 SERVICE_UNAVAILABLE while it is down, and the data once it is back', async () => {
    expect((await post('{ programs { code } }')).status).toBe(200);

    await proxy.down();
    const away = await post('{ units(kind: PROVINCE) { code } }');
    expect({ status: away.status, retryAfter: away.retryAfter }).toEqual({
      status: 503,
      retryAfter: '5',
    });
    expect(away.body.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(away.body.errors[0].message).toMatch(/try again/);

    await proxy.up();
    const back = await post('{ units(kind: PROVINCE) { code } }');
    expect(back.status).toBe(200);
    expect(back.body.data.units).toHaveLength(63);
  });
});
