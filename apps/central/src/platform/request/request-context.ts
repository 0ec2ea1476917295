import { ApiContext } from '@tracker/api';
import type { Loaders } from '../../graphql/loaders';

/** What every central resolver can reach: the request and caller, and per-request loaders. */
export interface RequestContext extends ApiContext {
  loaders: Loaders;
}
