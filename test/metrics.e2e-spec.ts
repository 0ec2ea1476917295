import { startTestCentral, TestCentral } from './support/central';

/** GET /metrics: this instance's figures in the Prometheus text format, read by operators and the bench. */
describe('metrics', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
  });

  afterAll(async () => {
    await sut.stop();
  });

  const scrape = async () => {
    const res = await fetch(`${sut.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const values = new Map<string, number>();
    for (const line of (await res.text()).split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const [name, value] = line.split(' ');
      values.set(name, Number(value));
    }
    return values;
  };

  it('counts the statements a query sent, and shows the process memory', async () => {
    const before = await scrape();
    const answer = await sut.gql('{ programs { code } }');
    expect(answer.errors).toBeUndefined();
    const after = await scrape();
    expect(after.get('nsdb_sql_statements_total')).toBeGreaterThan(
      before.get('nsdb_sql_statements_total')!,
    );
    expect(after.get('process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    for (const name of [
      'nsdb_response_cache_hits_total',
      'nsdb_response_cache_entries',
      'nsdb_response_cache_followed_total',
      'nsdb_response_cache_waiting',
    ])
      expect(Number.isInteger(after.get(name))).toBe(true);
  });

  /**
   * The statements one answer costs: the fewest over three askings (the rate limiter's
   * counts are written in the background, now and then). `first` differs each time, so
   * no cached answer serves it.
   */
  const statementsFor = async (query: (first: number) => string) => {
    const sent: number[] = [];
    for (const first of [7, 8, 9]) {
      const before = await scrape();
      const answer = await sut.gql(query(first));
      expect(answer.errors).toBeUndefined();
      const after = await scrape();
      sent.push(after.get('nsdb_sql_statements_total')! - before.get('nsdb_sql_statements_total')!);
    }
    return Math.min(...sent);
  };

  it('a page of milestones with their programs and units is one statement', async () => {
    const page = (first: number) =>
      `{ milestones(filter: { health: [LATE] }, first: ${first}) { totalCount edges { node {
        key health program { code name } unit { code name } } } } }`;
    expect(await statementsFor(page)).toBe(1);
  });

  it("a page of escalations with their milestones' programs and units is two", async () => {
    const page = (first: number) =>
      `{ escalations(first: ${first}) { totalCount edges { node { level
        milestone { key program { code } unit { code name } } } } } }`;
    expect(await statementsFor(page)).toBe(2);
  });
});
