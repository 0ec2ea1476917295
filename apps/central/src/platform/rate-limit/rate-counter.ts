import { Logger } from '@nestjs/common';
import { deltasOf, Entry, RateEntries, settle, takeForWrite } from './rate-entry';
import {
  decide,
  decision,
  flushThreshold,
  RateDecision,
  RateStore,
  RateTotal,
  WINDOW_MS,
} from './rate-window';

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
 * Per-caller request counts per wall-clock minute, kept in memory and written to
 * the shared store in batches, so that a request far from its limit costs no
 * database round trip while the limit still holds across stateless instances
 * (up to the bound below).
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
 * total, but its first write corrects it). A burst faster than that reaches every
 * instance before any write lands, and each may admit up to the margin from memory:
 * `npm run bench:rate-limit` measured 1,816 of 3,000 admitted for a limit of 1,000
 * on two instances in a burst, exactly 1,000 at 2,000 requests a second. With
 * limits of at most 20 (the tests' two instances) every request is confirmed and
 * the limit is exact everywhere.
 * Requests refused from memory are not counted; refused confirmations are, as
 * before.
 *
 * Writes are serialized per instance (one statement at a time for all callers),
 * so the totals they return never go backwards and a confirmation costs at most
 * two round trips. The limiter must not take the API down: when a write fails its
 * requests are counted nothing and served.
 */
export class RateCounter {
  private readonly entries = new RateEntries();
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
    const entry = this.entries.of(caller, windowStart);
    switch (decide(limit, entry.known + entry.inFlight + entry.pending)) {
      case 'refuse':
        return decision(false, windowStart, now);
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
        }).then((allowed) => decision(allowed, windowStart, this.options.now()));
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
    const batch = takeForWrite(this.dirty);
    const pastWindows = batch.some(({ entry }) => entry.windowStart !== this.currentWindow);
    this.dirty = new Set();
    let totals: RateTotal[] = [];
    try {
      totals = await this.store.add(deltasOf(batch));
    } catch (e) {
      // Count nothing, serve.
      this.warn(`rate limiting skipped: ${String(e)}`);
    }
    settle(batch, totals);
    if (pastWindows) this.prune();
  }

  /** Drops callers of past windows once nothing of theirs is left to write. */
  private prune(): void {
    const now = this.options.now();
    this.entries.prune(now - (now % WINDOW_MS));
  }

  private warn(message: string): void {
    const now = this.options.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.options.logger.warn(message);
  }
}
