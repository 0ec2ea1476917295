import { roles, startTestCentral, TestCentral } from './support/central';
import { nodeDatabaseUrl, startTestProvince, SYNC_NOW } from './support/province';

/** Limits per token and per address, counted in the shared database so they hold across instances. */
describe('rate limits', () => {
  let one: TestCentral;
  let two: TestCentral;
  const env = { RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' };

  beforeAll(async () => {
    one = await startTestCentral({ demo: true, env });
    two = await startTestCentral({ demo: true, keepData: true, env });
  });

  afterAll(async () => {
    await one.stop();
    await two.stop();
  });

  const ask = (sut: TestCentral, token: string | null) =>
    fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: '{ programs { code } }' }),
    });

  it('answers RATE_LIMITED with a retry hint once a token has spent its minute, on every instance', async () => {
    // Fresh minute: a window that is about to roll over would reset the count mid-test.
    const msIntoMinute = Date.now() % 60_000;
    if (msIntoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_000 - msIntoMinute + 50));
    const token = one.token(roles.observer);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await ask(one, token)).status);
    for (let i = 0; i < 2; i += 1) statuses.push((await ask(two, token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await ask(two, token);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as {
      errors: { extensions: { code: string; retryAfterSeconds: number } }[];
    };
    expect(body.errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: retryAfter,
    });
    expect((await ask(one, token)).status).toBe(429);
    // another caller is not affected
    expect((await ask(one, one.token(roles.observer))).status).toBe(200);
  });

  it('limits callers without a token by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await ask(one, null)).status);
    // the first three reach the API (and are refused there for want of a token), the rest are limited
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(statuses.slice(0, 3).every((s) => s === 200)).toBe(true);
  });

  it('a province node honours the limit: it reports it and waits, the centre still reachable', async () => {
    const node = await startTestProvince({
      code: '79',
      central: one,
      databaseUrl: await nodeDatabaseUrl(1),
    });
    try {
      let state = (await node.gql(SYNC_NOW)).data!.syncNow;
      for (let i = 0; i < 5 && !state.lastError; i += 1)
        state = (await node.gql(SYNC_NOW)).data!.syncNow;
      expect(state.lastError).toMatch(/rate limit reached; retrying in \d+ s/);
      expect(state.centralReachable).toBe(true);
    } finally {
      await node.stop();
    }
  });
});
