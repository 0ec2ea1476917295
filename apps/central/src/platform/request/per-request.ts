import { IsoDate } from '@tracker/domain';
import { RequestContext } from './request-context';

/**
 * A feature's batching loaders, made the first time a resolver of a request asks
 * and dropped with the request: nothing is cached across requests or users. Each
 * feature owns its own (units, programs, milestones, ...), so this layer knows none.
 * One set per day asked: a request may read today and, through an `asOf`
 * argument, past days, and a loader answers for one day only.
 */
export abstract class PerRequest<T> {
  private readonly made = new WeakMap<RequestContext, Map<IsoDate, T>>();

  of(ctx: RequestContext, day: IsoDate = ctx.today): T {
    let byDay = this.made.get(ctx);
    if (!byDay) {
      byDay = new Map();
      this.made.set(ctx, byDay);
    }
    let loaders = byDay.get(day);
    if (!loaders) {
      loaders = this.create(day, ctx);
      byDay.set(day, loaders);
    }
    return loaders;
  }

  /** The loaders for `day` (not after the request's central date, `ctx.today`). */
  protected abstract create(day: IsoDate, ctx: RequestContext): T;
}

/** A value computed at most once per request, on first use. */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}
