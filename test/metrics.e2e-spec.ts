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
});
