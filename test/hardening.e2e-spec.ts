import { sql } from './support/database';
import { errorCode, startTestCentral, TestCentral } from './support/central';

/**
 * Hostile or careless clients get a clear refusal, nothing changes, and the app
 * keeps serving. (Part of the hardening work; rate limits, revocation and the
 * audit log are still to come.)
 */
describe('hardening: what a hostile client meets', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    // production mode: no demo data, introspection off
    sut = await startTestCentral();
  });

  afterAll(async () => {
    await sut.stop();
  });

  const post = (
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) =>
    fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sut.token({ role: 'PMO' as never })}`, ...headers },
      body,
    });

  async function stillServes(): Promise<void> {
    const res = await fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${sut.token({ role: 'OBSERVER' as never })}`,
      },
      body: JSON.stringify({ query: '{ units(kind: PROVINCE) { code } }' }),
      // the app must answer a normal query promptly after each attack
      signal: AbortSignal.timeout(1000),
    });
    const body = (await res.json()) as { data: { units: unknown[] } };
    expect(body.data.units).toHaveLength(63);
  }

  it('sends security headers with a content security policy', async () => {
    const res = await fetch(`${sut.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps introspection off in production', async () => {
    const r = await sut.gql(`{ __schema { types { name } } }`);
    expect(errorCode(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    await stillServes();
  });

  it('refuses malformed JSON', async () => {
    const res = await post('{"query": "{ programs { code } }"');
    expect(res.status).toBe(400);
    await stillServes();
  });

  it('refuses a 10 MB body', async () => {
    const res = await post(
      JSON.stringify({
        query: '{ programs { code } }',
        variables: { pad: 'x'.repeat(10 * 1024 * 1024) },
      }),
    );
    expect(res.status).toBe(413);
    await stillServes();
  });

  it('refuses a 200-deep query before running it', async () => {
    let q = 'code';
    for (let i = 0; i < 200; i += 1) q = `successor { ${q} }`;
    const r = await sut.gql(`{ unit(code: "01") { ${q} } }`);
    expect(errorCode(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors![0].message).toMatch(/depth 202 exceeds the limit of 12/);
    await stillServes();
  });

  it('refuses 1,000 aliases', async () => {
    const fields = Array.from({ length: 1000 }, (_, i) => `a${i}: programs { code }`).join(' ');
    const r = await sut.gql(`{ ${fields} }`);
    expect(errorCode(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors![0].message).toMatch(/1000 aliases exceed the limit of 30/);
    await stillServes();
  });

  it('refuses a query whose nested pages multiply past the cost limit', async () => {
    const r = await sut.gql(
      `query($n: Int) { milestones(first: $n) { edges { node { history(first: $n) { edges { node { seq note } } } } } } }`,
      {
        n: 200,
      },
    );
    expect(errorCode(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors![0].message).toMatch(/cost \d+ exceeds the limit of 50000/);
    await stillServes();
  });

  it('refuses a batch of 1,000 operations', async () => {
    const batch = Array.from({ length: 1000 }, () => ({ query: '{ programs { code } }' }));
    const res = await post(JSON.stringify(batch));
    expect(res.status).toBe(400);
    await stillServes();
  });

  it('refuses a cross-site simple request (CSRF)', async () => {
    const res = await post(JSON.stringify({ query: '{ programs { code } }' }), {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(400);
    await stillServes();
  });

  it('refuses control characters with the field, and stores text NFC', async () => {
    const bad = await sut.gql(
      `mutation($i: CreateProgramInput!) { createProgram(input: $i) { code } }`,
      {
        i: { code: 'HARD_1', name: 'Tên\u0000độc hại', ownerCode: 'BTNMT', model: 'CENTRALIZED' },
      },
    );
    expect(bad.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await sql(`SELECT 1 FROM program WHERE code = 'HARD_1'`)).toEqual([]);

    const nfd = 'Chu\u031Bo\u031Bng tri\u0300nh'; // 'Chương trình' typed decomposed
    const ok = await sut.gql(
      `mutation($i: CreateProgramInput!) { createProgram(input: $i) { name } }`,
      {
        i: { code: 'HARD_2', name: nfd, ownerCode: 'BTNMT', model: 'CENTRALIZED' },
      },
    );
    expect(ok.data!.createProgram.name).toBe('Chương trình');
    const [{ name }] = await sql<{ name: string }>(
      `SELECT name FROM program WHERE code = 'HARD_2'`,
    );
    expect(name).toBe(nfd.normalize('NFC'));
    expect(name).toHaveLength(12);
  });
});
