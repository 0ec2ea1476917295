import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { PgRateStore } from '../../../apps/central/src/platform/rate-limit/pg-rate-store';
import { RateCounter } from '../../../apps/central/src/platform/rate-limit/rate-counter';

/** One central instance's limiter, as the middleware uses it: one request of `caller`, allowed or not. */
export interface Limiter {
  take(caller: string): Promise<boolean>;
  /** Writes what is held in memory (nothing for a limiter that writes every request). */
  close(): Promise<void>;
}

export interface Contender {
  name: string;
  /** Creates what the limiter needs in a fresh database. */
  prepare(pool: Pool): Promise<void>;
  /** One instance's limiter with its own pool; `limit` requests a minute per caller. */
  limiter(pool: Pool, limit: number): Limiter;
  /** Requests the shared store has counted for `caller`, every instance together. */
  counted(pool: Pool, caller: string): Promise<number>;
}

const quiet = { warn: () => undefined };

/** The app's own: counted in memory far from the limit, written in batches, confirmed near it. */
export const handWritten: Contender = {
  name: 'hand-written RateCounter',
  async prepare(pool) {
    await pool.query(`CREATE TABLE IF NOT EXISTS rate_window (
      caller text NOT NULL, window_start timestamptz NOT NULL, count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (caller, window_start))`);
  },
  limiter(pool, limit) {
    const store = new PgRateStore({
      query: async <T>(sql: string, parameters?: unknown[]) =>
        (await pool.query(sql, parameters)).rows as T,
    });
    const counter = new RateCounter(store, { logger: quiet });
    return {
      take: async (caller) => (await counter.take(caller, limit)).allowed,
      close: () => counter.close(),
    };
  },
  async counted(pool, caller) {
    const { rows } = await pool.query<{ n: string | null }>(
      'SELECT sum(count) AS n FROM rate_window WHERE caller = $1',
      [caller],
    );
    return Number(rows[0].n ?? 0);
  },
};

/**
 * rate-limiter-flexible's PostgreSQL store, as its documentation sets it up: one
 * upsert a request. `blockInMemory`: its inMemoryBlockOnConsumed option, which
 * refuses from memory once a caller is known to be over the limit.
 */
export function flexible(blockInMemory: boolean): Contender {
  const tableName = 'rlflx';
  return {
    name: `rate-limiter-flexible RateLimiterPostgres${blockInMemory ? ' + inMemoryBlockOnConsumed' : ''}`,
    async prepare(pool) {
      await new Promise<void>((resolve, reject) => {
        new RateLimiterPostgres(
          { storeClient: pool, storeType: 'pool', tableName, points: 1, duration: 60 },
          (e?: Error) => (e ? reject(e) : resolve()),
        );
      });
    },
    limiter(pool, limit) {
      const rl = new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName,
        tableCreated: true,
        clearExpiredByTimeout: false,
        points: limit,
        duration: 60,
        ...(blockInMemory ? { inMemoryBlockOnConsumed: limit } : {}),
      });
      return {
        take: (caller) =>
          rl.consume(caller).then(
            () => true,
            (e: unknown) => {
              if (e instanceof RateLimiterRes) return false;
              throw e;
            },
          ),
        close: async () => undefined,
      };
    },
    async counted(pool, caller) {
      const { rows } = await pool.query<{ n: string | null }>(
        `SELECT sum(points) AS n FROM ${tableName} WHERE key = $1`,
        // its keys carry its keyPrefix
        [`rlflx:${caller}`],
      );
      return Number(rows[0].n ?? 0);
    },
  };
}

export const CONTENDERS: Contender[] = [handWritten, flexible(false), flexible(true)];
