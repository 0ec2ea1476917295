import { RateCounter } from './rate-counter';
import { RateDecision, RateDelta, RateStore, RateTotal } from './rate-window';

/** The rate_window table as a map: each add is atomic, as the upsert is; answers after a tick. */
class MemoryStore implements RateStore {
  readonly counts = new Map<string, number>();
  readonly writes: RateDelta[][] = [];
  failing = false;

  async add(deltas: RateDelta[]): Promise<RateTotal[]> {
    this.writes.push(deltas);
    await new Promise((r) => setImmediate(r));
    if (this.failing) throw new Error('connection refused');
    return deltas.map((d) => {
      const key = `${d.caller}@${d.windowStart.toISOString()}`;
      const count = (this.counts.get(key) ?? 0) + d.delta;
      this.counts.set(key, count);
      return { caller: d.caller, windowStart: new Date(d.windowStart), count };
    });
  }

  async sweep(): Promise<void> {}

  total(caller: string): number {
    let sum = 0;
    for (const [key, count] of this.counts) if (key.startsWith(`${caller}@`)) sum += count;
    return sum;
  }
}

/** A request answered at once, from memory, with no wait for the store. */
function fromMemory(rc: RateCounter, caller: string, limit: number): RateDecision {
  const decision = rc.take(caller, limit);
  if (decision instanceof Promise) throw new Error(`${caller} waited for the store`);
  return decision;
}

const MINUTE = Date.parse('2026-03-01T10:00:00Z');
const quiet = { warn: () => undefined };

describe('RateCounter', () => {
  let now: number;
  const counters: RateCounter[] = [];
  const counter = (store: RateStore, flushIntervalMs = 60_000) => {
    const c = new RateCounter(store, { now: () => now, flushIntervalMs, logger: quiet });
    counters.push(c);
    return c;
  };

  beforeEach(() => {
    now = MINUTE + 1_000;
  });

  afterEach(async () => {
    await Promise.all(counters.splice(0).map((c) => c.close()));
  });

  it('answers from memory far from the limit and loses nothing when it writes in batches', async () => {
    const store = new MemoryStore();
    const rc = counter(store);
    for (let i = 0; i < 300; i += 1)
      expect(fromMemory(rc, 'token:a', 100000)).toEqual({ allowed: true });
    await rc.flush();
    expect(store.total('token:a')).toBe(300);
    // 200 unwritten made a write start at once; the flush wrote the rest: two statements, not 300
    expect(store.writes.map((w) => w.map((d) => d.delta))).toEqual([[200], [100]]);
  });

  it('writes every caller in one statement', async () => {
    const store = new MemoryStore();
    const rc = counter(store);
    fromMemory(rc, 'token:a', 100000);
    fromMemory(rc, 'token:b', 100000);
    fromMemory(rc, 'token:a', 100000);
    fromMemory(rc, 'ip:10.0.0.1', 100000);
    await rc.flush();
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0].map((d) => [d.caller, d.delta])).toEqual([
      ['token:a', 2],
      ['token:b', 1],
      ['ip:10.0.0.1', 1],
    ]);
  });

  it('writes unwritten requests after the flush interval without being asked', async () => {
    // Timers on a fake clock; the store still answers on the next turn of the loop.
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const store = new MemoryStore();
      const rc = counter(store, 20);
      fromMemory(rc, 'token:a', 100000);
      fromMemory(rc, 'token:a', 100000);
      await jest.advanceTimersByTimeAsync(19);
      expect(store.writes).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(store.writes.map((w) => w.map((d) => [d.caller, d.delta]))).toEqual([
        [['token:a', 2]],
      ]);
      // the timer's write is the only one: nothing was left for a flush to write
      await rc.flush();
      expect(store.writes).toHaveLength(1);
      expect(store.total('token:a')).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('is exact on one instance: of 60 requests at once with a limit of 50, the first 50 pass', async () => {
    const store = new MemoryStore();
    const rc = counter(store);
    const decisions = await Promise.all(
      Array.from({ length: 60 }, async () => rc.take('token:a', 50)),
    );
    expect(decisions.map((d) => d.allowed)).toEqual([
      ...Array<boolean>(50).fill(true),
      ...Array<boolean>(10).fill(false),
    ]);
    expect(decisions[50]).toEqual({ allowed: false, retryAfterSeconds: 59 });
    // once the store has said the minute is spent, refusals cost no write
    const writes = store.writes.length;
    expect(fromMemory(rc, 'token:a', 50)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    await rc.flush();
    expect(store.writes.length).toBe(writes);
  });

  it('is exact across instances for small limits: every request is confirmed', async () => {
    const store = new MemoryStore();
    const one = counter(store);
    const two = counter(store);
    const allowed: boolean[] = [];
    for (let i = 0; i < 4; i += 1) {
      allowed.push((await one.take('token:a', 5)).allowed);
      allowed.push((await two.take('token:a', 5)).allowed);
    }
    expect(allowed).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('across instances stays exact while the unseen traffic of the others is under the margin', async () => {
    const store = new MemoryStore();
    const one = counter(store);
    const two = counter(store);
    // one admits 900 of 1000 and writes them; two has read nothing yet
    for (let i = 0; i < 900; i += 1) fromMemory(one, 'token:a', 1000);
    await one.flush();
    let passed = 0;
    for (let i = 0; i < 200; i += 1) {
      if ((await two.take('token:a', 1000)).allowed) passed += 1;
      if ((await one.take('token:a', 1000)).allowed) passed += 1;
    }
    await Promise.all([one.flush(), two.flush()]);
    expect(900 + passed).toBe(1000);
  });

  it('serves and counts nothing when the store fails, and counts again once it is back', async () => {
    const store = new MemoryStore();
    const rc = counter(store);
    store.failing = true;
    expect(await rc.take('token:a', 5)).toEqual({ allowed: true });
    expect(fromMemory(rc, 'token:b', 100000)).toEqual({ allowed: true });
    await rc.flush();
    store.failing = false;
    expect(store.total('token:a')).toBe(0);
    expect(await rc.take('token:a', 5)).toEqual({ allowed: true });
    expect(store.total('token:a')).toBe(1);
  });

  it('forgets callers of past minutes once their counts are written', async () => {
    const store = new MemoryStore();
    const rc = counter(store);
    fromMemory(rc, 'token:a', 100000);
    fromMemory(rc, 'token:b', 100000);
    expect(rc.size).toBe(2);
    now = MINUTE + 61_000;
    fromMemory(rc, 'token:a', 100000);
    // b's minute is over but its request is unwritten: kept until written
    expect(rc.size).toBe(3);
    await rc.flush();
    expect(rc.size).toBe(1);
    expect(store.total('token:a')).toBe(2);
    expect(store.total('token:b')).toBe(1);
    // a new minute starts from zero
    expect(store.writes.at(-1)!.map((d) => [d.caller, d.windowStart.toISOString()])).toEqual([
      ['token:a', '2026-03-01T10:00:00.000Z'],
      ['token:b', '2026-03-01T10:00:00.000Z'],
      ['token:a', '2026-03-01T10:01:00.000Z'],
    ]);
  });

  it('writes what is unwritten on close, then serves uncounted', async () => {
    const store = new MemoryStore();
    const rc = counter(store);
    for (let i = 0; i < 3; i += 1) fromMemory(rc, 'token:a', 100000);
    await rc.close();
    expect(store.total('token:a')).toBe(3);
    expect(fromMemory(rc, 'token:a', 1)).toEqual({ allowed: true });
    await rc.flush();
    expect(store.total('token:a')).toBe(3);
  });
});
