// Indicators (domain.md "Indicators"): values per unit per month, their roll-ups
// and a projection toward the next target. Plain data in, plain data out.
import { addDays, dayNumber, daysInMonth, IsoDate } from './calendar';
import { DomainError } from './errors';

export enum IndicatorKind {
  /** numerator / denominator; roll-ups are Σnumerator / Σdenominator. */
  RATIO = 'RATIO',
  /** A cumulative count at the end of each month; roll-ups add. */
  COUNT = 'COUNT',
}

/** Who reports an indicator's values (domain.md "Indicators"). */
export enum IndicatorReporters {
  /** Every province reports its value monthly; the national figure rolls theirs up. */
  PROVINCES = 'PROVINCES',
  /** The owner agency pushes the national value itself. */
  OWNER = 'OWNER',
}

/** A calendar month, 'YYYY-MM'. */
export type Period = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** Why `value` is no month: the one wording of that refusal, wherever a month is read. */
export function notAMonth(value: string): string {
  return `${value} is not a month (YYYY-MM)`;
}

/** `value` as a month; BAD_USER_INPUT naming `field` when it is none. */
export function checkedPeriod(field: string, value: string): Period {
  if (!isPeriod(value)) throw DomainError.badInput(field, notAMonth(value));
  return value;
}

export function periodOf(date: IsoDate): Period {
  return date.slice(0, 7);
}

export function firstDayOf(period: Period): IsoDate {
  return `${period}-01`;
}

export function lastDayOf(period: Period): IsoDate {
  const [year, month] = period.split('-').map(Number);
  return `${period}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function nextPeriod(period: Period): Period {
  return periodOf(addDays(lastDayOf(period), 1));
}

/** Months from `a` to `b` (negative when `b` is earlier). */
export function monthsBetween(a: Period, b: Period): number {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb - ya) * 12 + (mb - ma);
}

/** One applied value a unit reported for a month. */
export interface UnitValue {
  unitId: string;
  period: Period;
  seq: number;
  numerator: number;
  /** RATIO only. */
  denominator: number | null;
}

/**
 * A unit's value for a month is its applied report for that month with the
 * highest seq: a correction sent later replaces the first figure, never adds to it.
 */
export function latestValues(values: readonly UnitValue[]): UnitValue[] {
  const best = new Map<string, UnitValue>();
  for (const v of values) {
    const key = `${v.unitId}|${v.period}`;
    const held = best.get(key);
    if (!held || v.seq > held.seq) best.set(key, v);
  }
  return [...best.values()];
}

export interface Figure {
  period: Period;
  /** Null when no unit reported. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reportingUnits: number;
}

/**
 * Rolls up one month's unit values (one per unit, see latestValues). RATIO:
 * Σnumerator / Σdenominator over the units that reported, so a province with ten
 * times the services weighs ten times as much; a mean of the provinces' ratios
 * would not. COUNT: the sum.
 */
export function rollUpFigure(
  kind: IndicatorKind,
  period: Period,
  values: readonly UnitValue[],
): Figure {
  return figureFromSums(kind, {
    period,
    numerator: values.reduce((sum, v) => sum + v.numerator, 0),
    denominator: values.reduce((sum, v) => sum + (v.denominator ?? 0), 0),
    reportingUnits: values.length,
  });
}

/** A month's values summed over the units that reported: what a roll-up needs of them. */
export interface MonthSums {
  period: Period;
  numerator: number;
  /** Σ of the RATIO denominators (ignored for a COUNT). */
  denominator: number | null;
  reportingUnits: number;
}

/**
 * The figure of a month from its sums (rollUpFigure's second half, for sums the
 * database added up): a RATIO is Σnumerator / Σdenominator, a COUNT the sum.
 */
export function figureFromSums(kind: IndicatorKind, sums: MonthSums): Figure {
  const { period, numerator, reportingUnits } = sums;
  if (reportingUnits === 0) {
    return { period, value: null, numerator: null, denominator: null, reportingUnits: 0 };
  }
  if (kind === IndicatorKind.COUNT) {
    return { period, value: numerator, numerator, denominator: null, reportingUnits };
  }
  const denominator = sums.denominator ?? 0;
  return {
    period,
    value: denominator > 0 ? numerator / denominator : null,
    numerator,
    denominator,
    reportingUnits,
  };
}

/** Figures per month, oldest first, from every applied value (superseded ones included). */
export function seriesOf(kind: IndicatorKind, values: readonly UnitValue[]): Figure[] {
  const byPeriod = new Map<Period, UnitValue[]>();
  for (const v of latestValues(values)) {
    byPeriod.set(v.period, [...(byPeriod.get(v.period) ?? []), v]);
  }
  return [...byPeriod.keys()].sort().map((p) => rollUpFigure(kind, p, byPeriod.get(p)!));
}

export interface Target {
  value: number;
  due: IsoDate;
}

export interface Projection<F extends Figure = Figure> {
  target: Target;
  latest: F | null;
  projectedDate: IsoDate | null;
  onTrack: boolean;
}

/** How many monthly national values the projection's line is fitted to. */
export const PROJECTION_MONTHS = 6;

/**
 * The least-squares line over the last 6 monthly national values (x: days, each
 * month's value read at its last day), and the day it reaches the next target not
 * yet due on `today`. Null date when it never does: a flat line, one moving away,
 * or fewer than two values to draw a line through. A line already at or above the
 * target projects to the latest month's last day. Null altogether when no target is ahead.
 */
export function project<F extends Figure>(
  series: readonly F[],
  targets: readonly Target[],
  today: IsoDate,
): Projection<F> | null {
  const target = [...targets]
    .sort((a, b) => a.due.localeCompare(b.due))
    .find((t) => t.due >= today);
  if (!target) return null;
  const points = series
    .filter((f) => f.value !== null)
    .slice(-PROJECTION_MONTHS)
    .map((f) => ({ x: dayNumber(lastDayOf(f.period)), y: f.value! }));
  const latest = series.filter((f) => f.value !== null).at(-1) ?? null;
  const projectedDate = reachDate(points, target.value);
  return {
    target,
    latest,
    projectedDate,
    onTrack: projectedDate !== null && projectedDate <= target.due,
  };
}

/** Targets are reached from below: the share online, the records digitised grow toward them. */
function reachDate(points: readonly { x: number; y: number }[], goal: number): IsoDate | null {
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const slope = sxy / sxx;
  const lastX = points[n - 1].x;
  if (meanY + slope * (lastX - meanX) >= goal) return fromDay(lastX);
  if (slope <= 0) return null;
  // The first whole day on which the line has reached the goal (the epsilon absorbs
  // floating-point noise, so a line that reaches it exactly at midnight is that day).
  return fromDay(Math.ceil(meanX + (goal - meanY) / slope - 1e-9));
}

function fromDay(day: number): IsoDate {
  return addDays('1970-01-01', day);
}
