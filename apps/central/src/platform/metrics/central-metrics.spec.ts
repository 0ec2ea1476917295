import { ResponseCache } from '../response-cache/response-cache';
import { centralMetrics } from './central-metrics';

/** The names, types and help operators and the bench read (operations.md: add, never rename). */
const CONTRACT = [
  ['nsdb_sql_statements_total', 'counter', 'Statements this instance sent to PostgreSQL.'],
  ['nsdb_response_cache_hits_total', 'counter', 'Read queries answered from the response cache.'],
  ['nsdb_response_cache_entries', 'gauge', 'Answers held now.'],
  [
    'nsdb_response_cache_followed_total',
    'counter',
    'Read queries given the answer an identical request was computing.',
  ],
  [
    'nsdb_response_cache_waiting',
    'gauge',
    "Requests waiting now for an identical request's answer.",
  ],
  ['process_resident_memory_bytes', 'gauge', 'Resident memory of this instance.'],
];

const value = (text: string, name: string) =>
  Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)![1]);

describe('centralMetrics', () => {
  it('shows every figure with its help and type', async () => {
    const text = await centralMetrics(
      new ResponseCache({ maxBytes: 1024, maxAgeMs: 1000 }),
    ).metrics();
    for (const [name, type, help] of CONTRACT) {
      expect(text).toContain(`# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} `);
      expect(Number.isFinite(value(text, name))).toBe(true);
    }
  });

  it('reads each value when scraped, and each instance has its own registry', async () => {
    const one = new ResponseCache({ maxBytes: 1024, maxAgeMs: 60_000 });
    const two = new ResponseCache({ maxBytes: 1024, maxAgeMs: 60_000 });
    const metricsOne = centralMetrics(one);
    const metricsTwo = centralMetrics(two);
    one.set('k', Buffer.from('{}'), one.generation);
    one.get('k');
    one.get('k');
    const text = await metricsOne.metrics();
    expect(value(text, 'nsdb_response_cache_hits_total')).toBe(2);
    expect(value(text, 'nsdb_response_cache_entries')).toBe(1);
    expect(value(await metricsTwo.metrics(), 'nsdb_response_cache_hits_total')).toBe(0);
    // a counter read from elsewhere is not added up scrape after scrape
    expect(value(await metricsOne.metrics(), 'nsdb_response_cache_hits_total')).toBe(2);
    one.invalidate();
    expect(value(await metricsOne.metrics(), 'nsdb_response_cache_entries')).toBe(0);
  });
});
