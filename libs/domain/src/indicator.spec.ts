import { addDays, daysBetween } from './calendar';
import {
  deadlineOf,
  figureFromSums,
  IndicatorKind as K,
  lastDayOf,
  latestValues,
  project,
  rollUpFigure,
  seriesOf,
  UnitValue,
} from './index';

const v = (
  unitId: string,
  period: string,
  numerator: number,
  denominator: number | null,
  seq = 1,
): UnitValue => ({
  unitId,
  period,
  seq,
  numerator,
  denominator,
});

describe(rollUpFigure.name, () => {
  // Hà Giang: 1 of 10 services at level 4 (10%); Hà Nội: 90 of 100 (90%).
  // Σnumerator / Σdenominator = 91 / 110 = 0.8272…; a mean of the ratios would say 0.5.
  const month = [v('HA_GIANG', '2019-11', 1, 10), v('HA_NOI', '2019-11', 90, 100)];

  it('rolls a RATIO up as Σnumerator / Σdenominator, not as a mean of ratios', () => {
    const figure = rollUpFigure(K.RATIO, '2019-11', month);
    expect(figure).toEqual({
      period: '2019-11',
      value: 91 / 110,
      numerator: 91,
      denominator: 110,
      reportingUnits: 2,
    });
    expect(figure.value).not.toBeCloseTo(0.5, 2);
  });

  it.each<[string, K, UnitValue[], number | null]>([
    [
      'a COUNT adds',
      K.COUNT,
      [v('A', '2019-11', 1_000_000, null), v('B', '2019-11', 250_000, null)],
      1_250_000,
    ],
    ['no unit reported: null', K.RATIO, [], null],
    ['one unit: its own ratio', K.RATIO, [v('A', '2019-11', 3, 12)], 0.25],
  ])('%s', (_, kind, values, expected) => {
    expect(rollUpFigure(kind, '2019-11', values).value).toBe(expected);
  });
});

describe(figureFromSums.name, () => {
  it('makes from sums the figure rollUpFigure makes from the values summed', () => {
    const values = [v('A', '2019-11', 1, 10), v('B', '2019-11', 90, 100), v('C', '2019-11', 0, 5)];
    const sums = { period: '2019-11', numerator: 91, denominator: 115, reportingUnits: 3 };
    expect(figureFromSums(K.RATIO, sums)).toEqual(rollUpFigure(K.RATIO, '2019-11', values));
    expect(figureFromSums(K.RATIO, sums).value).toBe(91 / 115);
  });

  it('a COUNT is its sum, without a denominator; a RATIO over nothing has no value', () => {
    expect(
      figureFromSums(K.COUNT, {
        period: '2019-11',
        numerator: 7,
        denominator: null,
        reportingUnits: 2,
      }),
    ).toEqual({ period: '2019-11', value: 7, numerator: 7, denominator: null, reportingUnits: 2 });
    expect(
      figureFromSums(K.RATIO, {
        period: '2019-11',
        numerator: 0,
        denominator: 0,
        reportingUnits: 1,
      }).value,
    ).toBeNull();
  });
});

describe(latestValues.name, () => {
  it("keeps a unit's value with the highest seq for a month, whatever the order", () => {
    const kept = latestValues([
      v('A', '2019-11', 5, 10, 7),
      v('A', '2019-11', 2, 10, 3),
      v('A', '2019-12', 6, 10, 4),
    ]);
    expect(kept.map((x) => [x.period, x.seq])).toEqual([
      ['2019-11', 7],
      ['2019-12', 4],
    ]);
  });

  it('a correction replaces the first figure in the series, it is not added to it', () => {
    const series = seriesOf(K.COUNT, [
      v('A', '2019-11', 100, null, 1),
      v('A', '2019-11', 120, null, 2),
    ]);
    expect(series).toEqual([
      { period: '2019-11', value: 120, numerator: 120, denominator: null, reportingUnits: 1 },
    ]);
  });
});

describe(project.name, () => {
  const months = ['2019-07', '2019-08', '2019-09', '2019-10', '2019-11', '2019-12'];
  // Exactly linear in days: 5% on 31 July, one point more every 10 days, read at each month's end.
  const linear = months.map((period) => ({
    period,
    value: 0.05 + daysBetween('2019-07-31', lastDayOf(period)) / 1000,
    numerator: null,
    denominator: null,
    reportingUnits: 63,
  }));
  const today = '2020-01-10';

  it('projects the day a linear series reaches the next target: 250 days after 31 July 2019', () => {
    const p = project(linear, [{ value: 0.3, due: '2020-12-31' }], today)!;
    expect(addDays('2019-07-31', 250)).toBe('2020-04-06');
    expect(p.projectedDate).toBe('2020-04-06');
    expect(p.onTrack).toBe(true);
    expect(p.latest?.period).toBe('2019-12');
  });

  it('is off track when the projected date is after the target is due', () => {
    const p = project(linear, [{ value: 0.3, due: '2020-04-05' }], today)!;
    expect(p).toMatchObject({ projectedDate: '2020-04-06', onTrack: false });
  });

  it('aims at the next target not yet due, skipping one already past', () => {
    const targets = [
      { value: 0.1, due: '2019-12-31' },
      { value: 0.3, due: '2020-12-31' },
    ];
    expect(project(linear, targets, today)!.target).toEqual({ value: 0.3, due: '2020-12-31' });
  });

  it('fits only the last 6 months: an older outlier does not bend the line', () => {
    const withOld = [{ ...linear[0], period: '2019-01', value: 0.9 }, ...linear];
    expect(project(withOld, [{ value: 0.3, due: '2020-12-31' }], today)!.projectedDate).toBe(
      '2020-04-06',
    );
  });

  it.each<[string, number[]]>([
    ['flat', [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]],
    ['moving away', [0.2, 0.19, 0.18, 0.17, 0.16, 0.15]],
    ['a single month', [0.1]],
  ])('%s: never reaches it, so no date and off track', (_, values) => {
    const series = values.map((value, i) => ({ ...linear[i], value }));
    expect(project(series, [{ value: 0.3, due: '2020-12-31' }], today)).toMatchObject({
      projectedDate: null,
      onTrack: false,
    });
  });

  it('no target ahead: no projection', () => {
    expect(project(linear, [{ value: 0.3, due: '2019-12-31' }], today)).toBeNull();
  });
});

describe(deadlineOf.name, () => {
  it.each([
    ['2019-11', undefined, '2019-12-05'],
    ['2019-12', undefined, '2020-01-05'],
    ['2020-01', 10, '2020-02-10'],
  ])('%s with day %s is due %s', (period, day, due) => {
    expect(deadlineOf(period, day)).toBe(due);
  });
});
