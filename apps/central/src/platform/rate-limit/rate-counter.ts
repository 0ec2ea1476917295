import { Logger } from '@nestjs/common';

/** Length of a rate window: wall-clock minutes. */
export const WINDOW_MS = 60_000;

/** Requests added to one caller's count in one window. */
export interface RateDelta {
  caller: string;
  windowStart: Date;
  delta: number;
}

/** A caller's count in one window after the deltas were added. */
export interface RateTotal {
  caller: string;
  windowStart: Date;
  count: number;
}

/** Where the shared counts live (the rate_window table; a map in unit tests). */
export interface RateStore {
  /** Adds every delta in one atomic step per row and returns each row's new total. */
  add(deltas: RateDelta[]): Promise<RateTotal[]>;
  /** Deletes windows that ended long ago. */
  sweep(): Promise<void>;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateCounterOptions {
  /** How long admitted requests may wait in memory before they are written. */
  flushIntervalMs: number;
  /** How often windows that ended long ago are deleted from the store. */
  sweepIntervalMs: number;
  /** The wall clock (never the demo's CLOCK_NOW). */
  now: () => number;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Requests left in a window below which each request waits for the shared count
 * instead of being admitted from memory: 10% of the limit, and never fewer than 20.
 */
export function confirmMargin(limit: number): number {
  return Math.max(20, Math.ceil(limit / 10));
}

/** Unwritten requests of one caller that make a write start at once rather than at the next tick. */
export function flushThreshold(limit: number): number {
  return Math.min(200, Math.max(1, Math.floor(confirmMargin(limit) / 2)));
}

/**
 * What to do with a request given what this instance knows of its caller's
 * window: `seen` = the shared total last read + requests this instance admitted
 * but whose write has not come back yet.
 */
export function decide(limit: number, seen: number): 'refuse' | 'confirm' | 'admit' {
  if (seen >= limit) return 'refuse';
  return limit - seen <= confirmMargin(limit) ? 'confirm' : 'admit';
}

/** Seconds until the window that started at `windowStart` ends, at least 1. */
export function retryAfterSeconds(windowStart: number, now: number): number {
  return Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
}

interface Waiter {
  limit: number;
  resolve(allowed: boolean): void;
}

/** One caller in one window, as this instance sees it. */
interface Entry {
  caller: string;
  windowStart: number;
  /** Highest shared total the store has returned for this row. */
  known: number;
  /** Admitted here, not yet sent. */
  pending: number;
  /** Admitted here, sent in the write under way (not yet in `known`). */
  inFlight: number;
  /** Near the limit: requests waiting for the next write to learn their place in the count. */
  waiting: Waiter[];
}

/**
 * Per-caller request counts per wall-clock minute, kept in memory and written to
 * the shared store in batches, so that a request far from its limit costs no
 * database round trip while the limit still holds across stateless instances.
 *
 * Why the batching is safe, and how far it can be off: a request is admitted from
 * memory only while (shared total last read + admitted here and unwritten) leaves
 * more than `confirmMargin(limit)` requests (10%, at least 20). Closer to the limit
 * each request waits for a write that includes it and is admitted only if its own
 * place in the returned total is within the limit, which is exact because the
 * store adds each delta atomically. On one instance the limit is therefore exact.
 * Across instances, what one instance admitted from memory is invisible to the
 * others until its write lands, and it writes at least once a flush interval
 * (~100 ms, sooner once `flushThreshold` requests of a caller are unwritten), so
 * a caller can exceed its limit by at most what the other instances admitted from
 * memory within one flush interval plus a round trip, and only when their unseen
 * traffic is more than the margin (an instance idle for the caller holds a stale
 * total, but its first write corrects it). With limits of at most 20 (the tests'
 * two instances) every request is confirmed and the limit is exact everywhere.
 * Requests refused from memory are not counted; refused confirmations are, as
 * before.
 *
 * Writes are serialized per instance (one statement at a time for all callers),
 * so the totals they return never go backwards and a confirmation costs at most
 * two round trips. The limiter must not take the API down: when a write fails its
 * requests are counted nothing and served.
 */
export class RateCounter {
  private readonly entries = new Map<string, Entry>();
  /** Entries with requests to write. */
  private dirty = new Set<Entry>();
  private readonly options: RateCounterOptions;
  private currentWindow = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly sweeper: NodeJS.Timeout;
  private writing: Promise<void> | null = null;
  private writeAgain = false;
  private closed = false;
  private lastWarning = -Infinity;

  constructor(
    private readonly store: RateStore,
    options: Partial<RateCounterOptions> = {},
  ) {
    this.options = {
      flushIntervalMs: 100,
      sweepIntervalMs: 5 * WINDOW_MS,
      now: Date.now,
      logger: new Logger('RateLimiter'),
      ...options,
    };
    this.sweeper = setInterval(() => {
      this.store.sweep().catch(() => undefined);
    }, this.options.sweepIntervalMs);
    this.sweeper.unref();
  }

  /**
   * Counts one request of `caller` against `limit` a minute. Synchronous unless
   * the caller is near its limit, when the answer waits for the shared count.
   */
  take(caller: string, limit: number): RateDecision | Promise<RateDecision> {
    if (this.closed) return { allowed: true };
    const now = this.options.now();
    const windowStart = now - (now % WINDOW_MS);
    if (windowStart !== this.currentWindow) {
      this.currentWindow = windowStart;
      this.prune();
    }
    const key = `${windowStart}|${caller}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { caller, windowStart, known: 0, pending: 0, inFlight: 0, waiting: [] };
      this.entries.set(key, entry);
    }
    switch (decide(limit, entry.known + entry.inFlight + entry.pending)) {
      case 'refuse':
        return { allowed: false, retryAfterSeconds: retryAfterSeconds(windowStart, now) };
      case 'admit':
        entry.pending += 1;
        this.dirty.add(entry);
        if (entry.pending >= flushThreshold(limit)) this.writeNow();
        else this.schedule();
        return { allowed: true };
      case 'confirm':
        return new Promise<boolean>((resolve) => {
          entry.waiting.push({ limit, resolve });
          this.dirty.add(entry);
          this.writeNow();
        }).then((allowed) =>
          allowed
            ? { allowed: true }
            : {
                allowed: false,
                retryAfterSeconds: retryAfterSeconds(windowStart, this.options.now()),
              },
        );
    }
  }

  /** Writes everything unwritten; resolves once the store has answered. */
  async flush(): Promise<void> {
    this.clearTimer();
    this.writeNow();
    while (this.writing) await this.writing;
  }

  /** Stops the timers and writes what is unwritten. Later requests are served uncounted. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await this.flush();
  }

  /** Callers and windows held in memory (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private schedule(): void {
    if (this.timer || this.writing || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writeNow();
    }, this.options.flushIntervalMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private writeNow(): void {
    this.clearTimer();
    if (this.writing) {
      this.writeAgain = true;
      return;
    }
    this.writing = this.writeWhileDue().finally(() => {
      this.writing = null;
      if (this.dirty.size > 0) this.schedule();
    });
  }

  private async writeWhileDue(): Promise<void> {
    do {
      this.writeAgain = false;
      await this.writeOnce();
    } while (this.writeAgain);
  }

  private async writeOnce(): Promise<void> {
    if (this.dirty.size === 0) return;
    const batch: { entry: Entry; waiting: Waiter[] }[] = [];
    let pastWindows = false;
    for (const entry of this.dirty) {
      batch.push({ entry, waiting: entry.waiting });
      entry.inFlight = entry.pending;
      entry.pending = 0;
      entry.waiting = [];
      if (entry.windowStart !== this.currentWindow) pastWindows = true;
    }
    this.dirty = new Set();
    let totals: RateTotal[] = [];
    try {
      totals = await this.store.add(
        batch.map(({ entry, waiting }) => ({
          caller: entry.caller,
          windowStart: new Date(entry.windowStart),
          delta: entry.inFlight + waiting.length,
        })),
      );
    } catch (e) {
      // Count nothing, serve.
      this.warn(`rate limiting skipped: ${String(e)}`);
    }
    const byKey = new Map(totals.map((t) => [`${t.windowStart.getTime()}|${t.caller}`, t.count]));
    for (const { entry, waiting } of batch) {
      entry.inFlight = 0;
      const total = byKey.get(`${entry.windowStart}|${entry.caller}`);
      if (total === undefined) {
        for (const w of waiting) w.resolve(true);
        continue;
      }
      entry.known = Math.max(entry.known, total);
      // The waiters are the last `waiting.length` requests this total counts, in arrival order.
      const first = total - waiting.length + 1;
      waiting.forEach((w, i) => w.resolve(first + i <= w.limit));
    }
    if (pastWindows) this.prune();
  }

  /** Drops callers of past windows once nothing of theirs is left to write. */
  private prune(): void {
    const now = this.options.now();
    const current = now - (now % WINDOW_MS);
    for (const [key, e] of this.entries) {
      if (e.windowStart < current && e.pending === 0 && e.inFlight === 0 && e.waiting.length === 0)
        this.entries.delete(key);
    }
  }

  private warn(message: string): void {
    const now = this.options.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.options.logger.warn(message);
  }
}
