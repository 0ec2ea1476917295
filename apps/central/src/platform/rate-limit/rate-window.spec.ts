import { confirmMargin, decide, decision, flushThreshold, retryAfterSeconds } from './rate-window';

const MINUTE = Date.parse('2026-03-01T10:00:00Z');

describe('rate window decisions', () => {
  it('confirms with the store in the last 10% of a limit, never fewer than the last 20', () => {
    expect(confirmMargin(5)).toBe(20);
    expect(confirmMargin(50)).toBe(20);
    expect(confirmMargin(1000)).toBe(100);
    expect(confirmMargin(100000)).toBe(10000);
    expect(decide(50, 29)).toBe('admit');
    expect(decide(50, 30)).toBe('confirm');
    expect(decide(50, 49)).toBe('confirm');
    expect(decide(50, 50)).toBe('refuse');
    expect(decide(5, 0)).toBe('confirm');
    expect(decide(100000, 89999)).toBe('admit');
    expect(decide(100000, 90000)).toBe('confirm');
  });

  it('writes a caller at once after a few unwritten requests, at most 200', () => {
    expect(flushThreshold(50)).toBe(10);
    expect(flushThreshold(1000)).toBe(50);
    expect(flushThreshold(100000)).toBe(200);
  });

  it('tells how long until the wall-clock minute ends, at least a second', () => {
    expect(retryAfterSeconds(MINUTE, MINUTE + 15_000)).toBe(45);
    expect(retryAfterSeconds(MINUTE, MINUTE + 59_700)).toBe(1);
    expect(retryAfterSeconds(MINUTE, MINUTE + 59_999)).toBe(1);
    expect(decision(false, MINUTE, MINUTE + 15_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 45,
    });
    expect(decision(true, MINUTE, MINUTE + 15_000)).toEqual({ allowed: true });
  });
});
