// The demo's reporting story (domain.md "Reporting periods"), for the completeness
// page: when each province's reports for a month reached the centre, if at all.
import { vietnamDate } from '@tracker/api';
import {
  addDays,
  firstDayOf,
  IsoDate,
  lastDayOf,
  nextPeriod,
  Period,
  periodOf,
} from '@tracker/domain';
import { roll } from './demo-provinces';

/**
 * Remote provinces whose offices sync their node once a month, a week or two after
 * the deadline (day 5): in no month are they on time. Cao Bằng, Điện Biên and Lai Châu
 * in the northern mountains, Cà Mau at the southern tip.
 */
export const NEVER_ON_TIME: ReadonlySet<string> = new Set(['04', '11', '12', '96']);

/** Provinces that sent nothing at all for some months: Yên Bái twice in 2019, Lâm Đồng in January 2020. */
const SKIPPED_MONTHS: Record<string, readonly Period[]> = {
  '15': ['2019-09', '2019-12'],
  '68': ['2020-01'],
};

export function reportsFor(provinceCode: string, period: Period): boolean {
  return !SKIPPED_MONTHS[provinceCode]?.includes(period);
}

/** The months from `from` to `to`, both included. */
export function monthsFrom(from: Period, to: Period): Period[] {
  const months: Period[] = [];
  for (let p = from; p <= to; p = nextPeriod(p)) months.push(p);
  return months;
}

/**
 * When the centre received a province's reports for the month (its monthly check-in):
 * days 1-4 of the next month for most, days 8-20 for the never-on-time ones. A month
 * whose check-in would come on or after `today` was sent in its own last days instead,
 * ahead of its deadline (February 2020, on the demo's day): nothing is received after today.
 */
export function checkInOf(provinceCode: string, period: Period, today: IsoDate): string {
  const r = roll(`CHECK-IN:${provinceCode}@${period}`);
  const next = firstDayOf(nextPeriod(period));
  const late = NEVER_ON_TIME.has(provinceCode);
  const day = late ? addDays(next, 7 + (r % 13)) : addDays(next, r % 4);
  if (day < today) return `${day}T${late ? '15' : '09'}:00:00+07:00`;
  return `${addDays(lastDayOf(period), -(r % 3))}T16:00:00+07:00`;
}

/**
 * When the centre received a province's milestone report made at `reportedAt`: at once,
 * except from the never-on-time provinces, whose node pushes what it holds at their
 * late check-in (never before the report was made).
 */
export function receivedAtOf(provinceCode: string, reportedAt: string, today: IsoDate): string {
  if (!NEVER_ON_TIME.has(provinceCode)) return reportedAt;
  const made = new Date(reportedAt);
  const checkIn = checkInOf(provinceCode, periodOf(vietnamDate(made)), today);
  return new Date(checkIn) > made ? checkIn : reportedAt;
}
