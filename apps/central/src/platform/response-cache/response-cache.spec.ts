import { ResponseCache } from './response-cache';

const parts = (query: string, token = 't1') => ({
  token,
  today: '2026-06-30',
  query,
  variables: { first: 5 },
  operationName: null,
});

describe('ResponseCache', () => {
  let now = 1_000;
  const cache = (maxBytes = 1000, maxAgeMs = 60_000) =>
    new ResponseCache({ maxBytes, maxAgeMs, now: () => now });

  beforeEach(() => {
    now = 1_000;
  });

  it('keys differ by token, day, query, variables and operation name', () => {
    const base = ResponseCache.key(parts('{ programs { code } }'));
    expect(ResponseCache.key(parts('{ programs { code } }'))).toBe(base);
    expect(ResponseCache.key(parts('{ programs { code } }', 't2'))).not.toBe(base);
    expect(ResponseCache.key({ ...parts('{ programs { code } }'), today: '2026-07-01' })).not.toBe(
      base,
    );
    expect(
      ResponseCache.key({ ...parts('{ programs { code } }'), variables: { first: 6 } }),
    ).not.toBe(base);
    expect(ResponseCache.key({ ...parts('{ programs { code } }'), operationName: 'A' })).not.toBe(
      base,
    );
  });

  it('serves an answer until a change retires its generation', () => {
    const c = cache();
    c.set('k', Buffer.from('answer'), c.generation);
    expect(c.get('k')?.toString()).toBe('answer');
    c.invalidate();
    expect(c.get('k')).toBeUndefined();
    expect(c.hits).toBe(1);
    expect(c.misses).toBe(1);
  });

  it('refuses an answer whose computation started before a change', () => {
    const c = cache();
    const started = c.generation;
    c.invalidate(); // a change lands while the answer is being computed
    c.set('k', Buffer.from('maybe stale'), started);
    expect(c.get('k')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('forgets answers older than the maximum age', () => {
    const c = cache(1000, 500);
    c.set('k', Buffer.from('answer'), c.generation);
    now += 500;
    expect(c.get('k')?.toString()).toBe('answer');
    now += 1;
    expect(c.get('k')).toBeUndefined();
  });

  it('drops the least recently used answers to stay within its bytes', () => {
    const c = cache(100);
    c.set('a', Buffer.alloc(20), c.generation);
    c.set('b', Buffer.alloc(20), c.generation);
    c.set('c', Buffer.alloc(20), c.generation);
    expect(c.get('a')).toBeDefined(); // a is now the most recently used
    c.set('d', Buffer.alloc(20), c.generation);
    c.set('e', Buffer.alloc(20), c.generation); // 100 bytes: all fit
    c.set('f', Buffer.alloc(20), c.generation); // b goes, the oldest unused
    expect(c.get('b')).toBeUndefined();
    expect(['a', 'c', 'd', 'e', 'f'].every((k) => c.get(k) !== undefined)).toBe(true);
    // an answer larger than a quarter of the cache is never kept
    c.set('big', Buffer.alloc(26), c.generation);
    expect(c.get('big')).toBeUndefined();
  });

  it('keeps nothing when turned off', () => {
    const c = cache(0);
    c.set('k', Buffer.from('x'), c.generation);
    expect(c.enabled).toBe(false);
    expect(c.get('k')).toBeUndefined();
  });
});
