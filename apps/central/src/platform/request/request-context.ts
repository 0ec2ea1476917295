import { ApiContext } from '@tracker/api';
import { IsoDate } from '@tracker/domain';

/** The central today, and the day the maintained roll-ups hold (null: none this instance trusts). */
export interface DayContext {
  today: IsoDate;
  maintainedDay: IsoDate | null;
}

/**
 * What every central resolver can reach: the request and caller, the day the request
 * is answered for and the day the maintained roll-ups held when it began (each read
 * once, so every field of one answer agrees on them).
 */
export interface RequestContext extends ApiContext, DayContext {}
