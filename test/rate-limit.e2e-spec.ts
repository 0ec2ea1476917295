import { createHash } from 'node:crypto';
import { roles, startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';
import { nodeDatabaseUrl, startTestProvince, SYNC_NOW } from './support/province';

const ask = (sut: TestCentral, token: string | null) =>
  fetch(`${sut.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: '{ programs { code } }' }),
  });

/** Fresh minute: a window that is about to roll over would reset the count mid-test. */
async function freshMinute(): Promise<void> {
  const msIntoMinute = Date.now() % 60_000;
  if (msIntoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_000 - msIntoMinute + 50));
}

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

  it('answers RATE_LIMITED with a retry hint once a token has spent its minute, on every instance', async () => {
    await freshMinute();
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

/** Counted in memory and written to the shared table in batches: nothing lost, limits still exact. */
describe('rate limits counted in batches', () => {
  let roomy: TestCentral;
  let tight: TestCentral;

  beforeAll(async () => {
    roomy = await startTestCentral({ demo: true });
    tight = await startTestCentral({
      demo: true,
      keepData: true,
      env: { RATE_LIMIT_PER_MINUTE: '50' },
    });
  });

  afterAll(async () => {
    await roomy.stop();
    await tight.stop();
  });

  /** The caller's requests in the shared table, every minute summed. */
  const counted = async (token: string) => {
    const caller = `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
    const [{ total }] = await sql<{ total: string | null }>(
      `SELECT sum(count) AS total FROM rate_window WHERE caller = $1`,
      [caller],
    );
    return Number(total ?? 0);
  };

  it('writes every request of a busy caller to the shared table', async () => {
    const token = roomy.token(roles.observer);
    const statuses: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const answers = await Promise.all(Array.from({ length: 30 }, () => ask(roomy, token)));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(300);
    // within a flush interval or so every count is written, and none twice
    let total = 0;
    for (let i = 0; i < 50 && total < 300; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      total = await counted(token);
    }
    expect(total).toBe(300);
    await new Promise((r) => setTimeout(r, 300));
    expect(await counted(token)).toBe(300);
  });

  it('keeps a limit exact on one instance while far-off requests are counted in memory', async () => {
    await freshMinute();
    const token = tight.token(roles.observer);
    // the first 30 of 50 are admitted from memory, the last 20 confirmed with the table
    const first = await Promise.all(Array.from({ length: 40 }, () => ask(tight, token)));
    expect(first.map((a) => a.status)).toEqual(Array<number>(40).fill(200));
    for (let i = 0; i < 10; i += 1) expect((await ask(tight, token)).status).toBe(200);
    const limited = await ask(tight, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // all at once too: of 60, exactly 50 pass
    const other = tight.token(roles.observer);
    const burst = await Promise.all(Array.from({ length: 60 }, () => ask(tight, other)));
    expect(burst.filter((a) => a.status === 200)).toHaveLength(50);
    expect(burst.filter((a) => a.status === 429)).toHaveLength(10);
  });
});
