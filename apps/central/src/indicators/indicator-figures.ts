// The indicator's figures as the API answers them: the domain's roll-ups, with the
// units expected to report each month beside the ones that did.
import {
  DomainError,
  Figure,
  IndicatorKind,
  isPeriod,
  latestValues,
  IsoDate,
  owesMonth,
  Period,
  periodOf,
  project,
  rollUpFigure,
  seriesOf,
  Target,
  UnitValue,
} from '@tracker/domain';
import { IndicatorFigure, IndicatorProjection } from './indicator.type';
import { UnitSpan } from './indicators.repository';

function withExpected(figure: Figure, expectedUnits: number): IndicatorFigure {
  return { ...figure, expectedUnits };
}

/** Provinces that owe the month (domain owesMonth): a merged one is not counted twice. */
function provincesOwing(spans: readonly UnitSpan[], period: Period): number {
  return spans.filter((s) => owesMonth(s, period)).length;
}

function checkPeriod(field: string, value: string | undefined): void {
  if (value !== undefined && !isPeriod(value))
    throw DomainError.badInput(field, `${value} is not a month (YYYY-MM)`);
}

/** National (or one unit's) figures per month with a value, oldest first, within [from, to]. */
export function seriesFigures(
  kind: IndicatorKind,
  values: readonly UnitValue[],
  spans: readonly UnitSpan[],
  range: { from?: Period; to?: Period; unitId?: string },
): IndicatorFigure[] {
  checkPeriod('from', range.from);
  checkPeriod('to', range.to);
  const mine = range.unitId ? values.filter((v) => v.unitId === range.unitId) : values;
  return seriesOf(kind, mine)
    .filter((f) => (!range.from || f.period >= range.from) && (!range.to || f.period <= range.to))
    .map((f) => withExpected(f, range.unitId ? 1 : provincesOwing(spans, f.period)));
}

export interface ProvinceFigure {
  unitId: string;
  figure: IndicatorFigure;
  gapToTarget: number | null;
}

/**
 * Each province owing the month with its figure, furthest from the target first
 * (the ones that sent nothing last: no value, no gap to rank by). The target is the
 * next one not yet due, else the last.
 */
export function provinceFigures(
  kind: IndicatorKind,
  values: readonly UnitValue[],
  spans: readonly UnitSpan[],
  targets: readonly Target[],
  period: Period | undefined,
  today: IsoDate,
): ProvinceFigure[] {
  checkPeriod('period', period);
  const month = period ?? latestPeriod(values);
  if (!month) return [];
  const target = targets.find((t) => t.due >= today) ?? targets.at(-1);
  const ofMonth = latestValues(values).filter((v) => v.period === month);
  return spans
    .filter((s) => owesMonth(s, month))
    .map((s) => {
      const figure = rollUpFigure(
        kind,
        month,
        ofMonth.filter((v) => v.unitId === s.id),
      );
      const gapToTarget = target && figure.value !== null ? target.value - figure.value : null;
      return { unitId: s.id, figure: withExpected(figure, 1), gapToTarget };
    })
    .sort(
      // ties in a fixed order, so the same data ranks the same way on every read
      (a, b) =>
        (b.gapToTarget ?? -Infinity) - (a.gapToTarget ?? -Infinity) ||
        (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0),
    );
}

function latestPeriod(values: readonly UnitValue[]): Period | undefined {
  return values.reduce<Period | undefined>(
    (p, v) => (!p || v.period > p ? v.period : p),
    undefined,
  );
}

export function projectionOf(
  kind: IndicatorKind,
  values: readonly UnitValue[],
  spans: readonly UnitSpan[],
  targets: readonly Target[],
  today: IsoDate,
): IndicatorProjection | null {
  const series = seriesFigures(kind, values, spans, { to: periodOf(today) });
  return project(series, targets, today);
}
