// The indicator's figures as the API answers them: the domain's roll-ups, with the
// units expected to report each month beside the ones that did.
import {
  checkedPeriod,
  Figure,
  figureFromSums,
  IndicatorKind,
  latestValues,
  IsoDate,
  MonthSums,
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

/**
 * Units that owe the month (domain owesMonth) of those that report the indicator
 * (the provinces, or its owner alone): a merged province is not counted twice.
 */
function reportersOwing(spans: readonly UnitSpan[], period: Period): number {
  return spans.filter((s) => owesMonth(s, period)).length;
}

/** A month, or none given: GraphQL's explicit null means absent, as an omitted argument does. */
function checkPeriod(field: string, value: string | null | undefined): void {
  if (value != null) checkedPeriod(field, value);
}

/** Figures per month with a value, oldest first, within [from, to]. */
function inRange<F extends Figure>(
  figures: F[],
  range: { from?: Period | null; to?: Period | null },
) {
  checkPeriod('from', range.from);
  checkPeriod('to', range.to);
  return figures.filter(
    (f) => (!range.from || f.period >= range.from) && (!range.to || f.period <= range.to),
  );
}

/** The national series from the database's monthly sums, each month beside the units that owed it. */
export function nationalFigures(
  kind: IndicatorKind,
  sums: readonly MonthSums[],
  spans: readonly UnitSpan[],
  range: { from?: Period | null; to?: Period | null },
): IndicatorFigure[] {
  return inRange(
    sums.map((s) => withExpected(figureFromSums(kind, s), reportersOwing(spans, s.period))),
    range,
  );
}

/** One unit's own series from its values. */
export function unitFigures(
  kind: IndicatorKind,
  values: readonly UnitValue[],
  range: { from?: Period | null; to?: Period | null },
): IndicatorFigure[] {
  return inRange(
    seriesOf(kind, values).map((f) => withExpected(f, 1)),
    range,
  );
}

export interface ProvinceFigure {
  unitId: string;
  figure: IndicatorFigure;
  gapToTarget: number | null;
}

/** The month a ranking is of: the one asked for, else the latest with values. */
export function rankedMonth(
  period: Period | null | undefined,
  sums: readonly MonthSums[],
): Period | undefined {
  checkPeriod('period', period);
  return period ?? sums.at(-1)?.period;
}

/**
 * Each unit owing the month with its figure (`values`: the month's), furthest
 * from the target first (the ones that sent nothing last: no value, no gap to
 * rank by). The target is the next one not yet due, else the last.
 */
export function provinceFigures(
  kind: IndicatorKind,
  values: readonly UnitValue[],
  spans: readonly UnitSpan[],
  targets: readonly Target[],
  month: Period,
  today: IsoDate,
): ProvinceFigure[] {
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

export function projectionOf(
  kind: IndicatorKind,
  sums: readonly MonthSums[],
  spans: readonly UnitSpan[],
  targets: readonly Target[],
  today: IsoDate,
): IndicatorProjection | null {
  return project(nationalFigures(kind, sums, spans, { to: periodOf(today) }), targets, today);
}
