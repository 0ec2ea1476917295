import { RateDelta, RateStore, RateTotal } from './rate-window';

/** What the store needs of a database: TypeORM's DataSource in the app, a pg pool in the bench. */
export interface SqlRunner {
  query<T>(sql: string, parameters?: unknown[]): Promise<T>;
}

/**
 * The rate_window table shared by every central instance. One statement adds a
 * whole batch; rows are upserted in key order so that two instances' batches
 * touching the same callers cannot deadlock.
 */
export class PgRateStore implements RateStore {
  constructor(private readonly db: SqlRunner) {}

  async add(deltas: RateDelta[]): Promise<RateTotal[]> {
    if (deltas.length === 0) return [];
    const rows = await this.db.query<
      { caller: string; window_start: Date | string; count: number }[]
    >(
      `INSERT INTO rate_window (caller, window_start, count)
         SELECT caller, window_start, delta
         FROM unnest($1::text[], $2::timestamptz[], $3::int[]) AS d(caller, window_start, delta)
         ORDER BY caller, window_start
         ON CONFLICT (caller, window_start) DO UPDATE SET count = rate_window.count + EXCLUDED.count
         RETURNING caller, window_start, count`,
      [
        deltas.map((d) => d.caller),
        deltas.map((d) => d.windowStart.toISOString()),
        deltas.map((d) => d.delta),
      ],
    );
    return rows.map((r) => ({
      caller: r.caller,
      windowStart: new Date(r.window_start),
      count: Number(r.count),
    }));
  }

  async sweep(): Promise<void> {
    await this.db.query(
      `DELETE FROM rate_window WHERE window_start < now() - interval '10 minutes'`,
    );
  }
}
