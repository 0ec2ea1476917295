import { RateDelta, RateTotal } from './rate-window';

/* One caller in one window as this instance holds it, and how a write takes and settles it. */

/** A request near its limit, answered once a write tells its place in the count. */
export interface Waiter {
  limit: number;
  resolve(allowed: boolean): void;
}

/** One caller in one window, as this instance sees it. */
export interface Entry {
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

/** This instance's entries, by caller and window. */
export class RateEntries {
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  /** The caller's entry in the window that starts at `windowStart`, created empty. */
  of(caller: string, windowStart: number): Entry {
    const key = `${windowStart}|${caller}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { caller, windowStart, known: 0, pending: 0, inFlight: 0, waiting: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Drops entries of windows before `current` once nothing of theirs is left to write. */
  prune(current: number): void {
    for (const [key, e] of this.entries) {
      if (e.windowStart < current && e.pending === 0 && e.inFlight === 0 && e.waiting.length === 0)
        this.entries.delete(key);
    }
  }
}

/** One entry's requests in a write: its admitted ones (inFlight) and its waiters. */
export interface Written {
  entry: Entry;
  waiting: Waiter[];
}

/** Moves the entries' unwritten requests and waiters into a write. */
export function takeForWrite(dirty: Iterable<Entry>): Written[] {
  const batch: Written[] = [];
  for (const entry of dirty) {
    batch.push({ entry, waiting: entry.waiting });
    entry.inFlight = entry.pending;
    entry.pending = 0;
    entry.waiting = [];
  }
  return batch;
}

/** What a write adds: each entry's admitted requests and its waiters. */
export function deltasOf(batch: Written[]): RateDelta[] {
  return batch.map(({ entry, waiting }) => ({
    caller: entry.caller,
    windowStart: new Date(entry.windowStart),
    delta: entry.inFlight + waiting.length,
  }));
}

/**
 * What the store answered for a write: each entry learns its shared total, and each
 * waiter its place in it. No total (the write failed): the waiters are served.
 */
export function settle(batch: Written[], totals: RateTotal[]): void {
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
}
