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

/** The answer to a request of the window that started at `windowStart`. */
export function decision(allowed: boolean, windowStart: number, now: number): RateDecision {
  return allowed
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: retryAfterSeconds(windowStart, now) };
}
