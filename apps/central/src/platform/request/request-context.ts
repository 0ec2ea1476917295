import { ApiContext } from '@tracker/api';
import { IsoDate } from '@tracker/domain';

/**
 * What every central resolver can reach: the request and caller, and the day the
 * request is answered for (read once, so every field of one answer agrees on it).
 */
export interface RequestContext extends ApiContext {
  today: IsoDate;
}
