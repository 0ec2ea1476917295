import { createHash } from 'node:crypto';
import { AnswerFlights } from './answer-flights';

export interface CacheKeyParts {
  token: string;
  today: string;
  query: string;
  variables: unknown;
  operationName: unknown;
}

interface Entry {
  body: Buffer;
  generation: number;
  storedAt: number;
}

export interface ResponseCacheOptions {
  /** Bytes of answers kept at most; 0 turns the cache off. */
  maxBytes: number;
  /** Belt and braces: an answer older than this is recomputed even if nothing was notified. */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * Whole GraphQL answers, as sent, for repeated read queries. Correct across
 * instances because it never decides freshness alone: every change any instance
 * makes is announced on the change bus, and each announcement moves this
 * instance to a new generation, which retires every answer computed before it.
 * An answer is stored under the generation its computation *started* in, so one
 * that raced a change is never served. Keys include the caller's exact token
 * (an answer is only ever served to the bearer it was computed for) and the
 * central date (answers age by day). Least recently used answers go first.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private current = 0;
  private readonly now: () => number;
  hits = 0;
  misses = 0;
  /** Identical requests computed once (see AnswerFlights). */
  readonly flights = new AnswerFlights(() => this.current);

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  get generation(): number {
    return this.current;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Something changed somewhere (or may have, unseen): every answer so far is retired. */
  invalidate(): void {
    this.current += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  static key(parts: CacheKeyParts): string {
    return createHash('sha256')
      .update(
        JSON.stringify([
          parts.token,
          parts.today,
          parts.query,
          parts.variables ?? null,
          parts.operationName ?? null,
        ]),
      )
      .digest('base64');
  }

  get(key: string): Buffer | undefined {
    const entry = this.entries.get(key);
    if (
      !entry ||
      entry.generation !== this.current ||
      this.now() - entry.storedAt > this.options.maxAgeMs
    ) {
      this.misses += 1;
      return undefined;
    }
    // re-inserted: a Map iterates oldest first, so this keeps LRU order
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits += 1;
    return entry.body;
  }

  set(key: string, body: Buffer, startedInGeneration: number): void {
    if (!this.enabled || startedInGeneration !== this.current) return;
    if (body.length > this.options.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    this.entries.set(key, { body, generation: startedInGeneration, storedAt: this.now() });
    this.bytes += body.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
    }
  }
}
