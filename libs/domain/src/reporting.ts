// Reporting periods (domain.md "Reporting periods"): who was expected to report
// for a month, who did, and who did by the deadline.
import { addDays, IsoDate } from './calendar';
import { DomainError } from './errors';
import { checkedPeriod, firstDayOf, lastDayOf, nextPeriod, Period, periodOf } from './indicator';

/** Day of the next month by which a month's reports are due, unless a program says otherwise. */
export const DEFAULT_DEADLINE_DAY = 5;

/** A program may move its deadline within the next month's first four weeks: every month has day 28. */
export const DEADLINE_DAYS = { min: 1, max: 28 } as const;

export function checkDeadlineDay(field: string, day: number): number {
  if (!Number.isInteger(day) || day < DEADLINE_DAYS.min || day > DEADLINE_DAYS.max)
    throw DomainError.badInput(
      field,
      `the deadline is a day ${DEADLINE_DAYS.min}-${DEADLINE_DAYS.max} of the next month, not ${day}`,
    );
  return day;
}

/**
 * A month one may ask about: YYYY-MM, not after today's month (the current month
 * is allowed, in progress: what has arrived so far).
 */
export function reportingPeriod(field: string, value: string, today: IsoDate): Period {
  if (checkedPeriod(field, value) > periodOf(today))
    throw DomainError.badInput(field, `${value} is after the current month ${periodOf(today)}`);
  return value;
}

export function deadlineOf(period: Period, deadlineDay = DEFAULT_DEADLINE_DAY): IsoDate {
  return addDays(firstDayOf(nextPeriod(period)), deadlineDay - 1);
}

/**
 * Whether a unit owes the month's reports. The rule a programme office keeps
 * after a merger (2025 reorganisation): the month is owed once, by the units that
 * exist on its last day. A unit that began during the month owes all of it (it
 * carries its predecessors' milestones on, so nothing is left unreported); a unit
 * that ended during the month owes nothing for it (its successor answers for the
 * month), so no month is counted twice across a merger.
 */
export function owesMonth(
  unit: { validFrom: IsoDate | null; validTo: IsoDate | null },
  period: Period,
): boolean {
  const last = lastDayOf(period);
  return (
    (unit.validFrom === null || unit.validFrom <= last) &&
    (unit.validTo === null || unit.validTo >= last)
  );
}

/** One thing a unit owes for the month: a milestone open at its start, or an indicator it reports. */
export interface ExpectedReport {
  /** e.g. 'milestone:<id>' or 'indicator:<id>'. */
  subject: string;
  /** Vietnam days the centre received a counted report for it (any order). */
  receivedOn: readonly IsoDate[];
}

export interface UnitReporting {
  unitId: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  expected: readonly ExpectedReport[];
  /** The deadline that applies to each subject (programs may override the day). */
  deadlineOf: (subject: string) => IsoDate;
}

export interface ReportingCounts {
  expected: number;
  received: number;
  onTime: number;
  /** received / expected; 1 when nothing was expected. */
  completeness: number;
  /** onTime / expected; 1 when nothing was expected. */
  timeliness: number;
}

export interface UnitReportingRow extends ReportingCounts {
  unitId: string;
}

function counts(expected: number, received: number, onTime: number): ReportingCounts {
  return {
    expected,
    received,
    onTime,
    completeness: expected === 0 ? 1 : received / expected,
    timeliness: expected === 0 ? 1 : onTime / expected,
  };
}

/** A unit's counts for the month, as a database can sum them per unit. */
export interface UnitReportingCounts {
  unitId: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  expected: number;
  received: number;
  onTime: number;
}

/**
 * Each unit that owes the month, worst first (completeness, then timeliness, then
 * the most owed), and the total: sums of counts over units, never a mean of their
 * rates, so a province owing 40 reports weighs more than one owing 4. The one
 * place that ranks and sums, whether the counts come from subjects (below) or from
 * a database that counted them per unit.
 */
export function rankReporting(
  units: readonly UnitReportingCounts[],
  period: Period,
): { rows: UnitReportingRow[]; total: ReportingCounts } {
  const rows = units
    .filter((u) => owesMonth(u, period))
    .map((u) => ({ unitId: u.unitId, ...counts(u.expected, u.received, u.onTime) }))
    .sort(
      (a, b) =>
        a.completeness - b.completeness || a.timeliness - b.timeliness || b.expected - a.expected,
    );
  const sum = (f: (r: UnitReportingRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    rows,
    total: counts(
      sum((r) => r.expected),
      sum((r) => r.received),
      sum((r) => r.onTime),
    ),
  };
}

/** rankReporting over units' subjects: a subject counts once, on time if any receipt was. */
export function reportingCompleteness(
  units: readonly UnitReporting[],
  period: Period,
): { rows: UnitReportingRow[]; total: ReportingCounts } {
  return rankReporting(
    units.map((u) => {
      const received = u.expected.filter((e) => e.receivedOn.length > 0);
      const onTime = received.filter((e) => e.receivedOn.some((d) => d <= u.deadlineOf(e.subject)));
      return {
        unitId: u.unitId,
        validFrom: u.validFrom,
        validTo: u.validTo,
        expected: u.expected.length,
        received: received.length,
        onTime: onTime.length,
      };
    }),
    period,
  );
}
