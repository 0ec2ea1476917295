import { IsoDate, isIsoDate } from './calendar';
import { DomainError } from './errors';

/** An applied report with the Việt Nam day it was made. */
export interface DatedReport<R> {
  seq: number;
  reportDate: IsoDate;
  report: R;
}

/**
 * The day a board is read as of (domain.md "As of a date"): a real date, not after
 * the central today; none given, today.
 */
export function asOfDay(asOf: IsoDate | null | undefined, today: IsoDate): IsoDate {
  if (asOf === null || asOf === undefined) return today;
  if (!isIsoDate(asOf)) throw DomainError.badInput('asOf', 'asOf is a date, YYYY-MM-DD');
  if (asOf > today)
    throw DomainError.badInput('asOf', `asOf ${asOf} is after today (${today}): not known yet`);
  return asOf;
}

/**
 * What a milestone stood on at the end of day D: of its applied reports dated on
 * or before D, the one with the highest seq (a late report of an earlier day
 * counts; one made after D does not). Null: never reported by then.
 */
export function reportAsOf<R>(
  applied: readonly DatedReport<R>[],
  day: IsoDate,
): DatedReport<R> | null {
  let found: DatedReport<R> | null = null;
  for (const r of applied)
    if (r.reportDate <= day && (found === null || r.seq > found.seq)) found = r;
  return found;
}
