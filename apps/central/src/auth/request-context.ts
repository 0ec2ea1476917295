import { Actor } from '@tracker/auth';
import type { Request } from 'express';
import type { Loaders } from '../graphql/loaders';

/** What every GraphQL resolver can reach: the HTTP request, the caller, per-request loaders. */
export interface RequestContext {
  req: Request & { actor?: Actor };
  loaders: Loaders;
}
