import { IsoDate } from '@tracker/domain';
import { RequestContext } from './request-context';

/**
 * A feature's batching loaders, made the first time a resolver of a request asks
 * and dropped with the request: nothing is cached across requests or users. Each
 * feature owns its own (units, programs, milestones, ...), so this layer knows none.
 */
export abstract class PerRequest<T> {
  private readonly made = new WeakMap<RequestContext, T>();

  of(ctx: RequestContext): T {
    let loaders = this.made.get(ctx);
    if (!loaders) {
      loaders = this.create(ctx.today);
      this.made.set(ctx, loaders);
    }
    return loaders;
  }

  protected abstract create(today: IsoDate): T;
}

/** A value computed at most once per request, on first use. */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}
