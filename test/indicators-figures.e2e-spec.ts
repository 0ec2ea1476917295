import { demoCentral } from './support/central';
import { defineIndicator, indicatorValue as value, pushValues } from './support/indicators';

const FIGURES = `query($code: ID!, $period: String, $unit: ID) {
  indicator(code: $code) {
    national: series { period value numerator denominator reportingUnits expectedUnits }
    ofUnit: series(unitCode: $unit) { period value reportingUnits expectedUnits }
    byProvince(period: $period) { unit { code } figure { value reportingUnits } gapToTarget }
    projection { target { value due } latest { period value } projectedDate onTrack }
  }
}`;

describe('indicator figures from pushed values (demo, 63 provinces, today 2020-03-01)', () => {
  const sut = demoCentral('per-file');

  it('rolls a RATIO up over provinces as Σnumerator / Σdenominator (a mean of ratios would say 0.5)', async () => {
    await defineIndicator(sut, 'L4_SHARE', 'RATIO', [{ value: 0.3, due: '2020-12-31' }]);
    // Hà Giang: 1 of its 10 services at level 4; Hà Nội: 90 of 100; Hà Nội corrects itself later.
    expect(
      (await pushValues(sut, '02', [value('L4_SHARE', '02', 1, '2019-11', 1, 10)])).errors,
    ).toBeUndefined();
    const hanoi = await pushValues(sut, '01', [
      value('L4_SHARE', '01', 1, '2019-11', 80, 100),
      value('L4_SHARE', '01', 2, '2019-11', 90, 100),
    ]);
    expect(
      hanoi.data!.pushMilestoneUpdates.indicatorResults.map((r: { outcome: string }) => r.outcome),
    ).toEqual(['APPLIED', 'APPLIED']);

    const r = await sut.gql(FIGURES, { code: 'L4_SHARE', period: '2019-11', unit: '02' });
    expect(r.errors).toBeUndefined();
    const { national, ofUnit, byProvince, projection } = r.data!.indicator;
    expect(national).toEqual([
      {
        period: '2019-11',
        value: 91 / 110,
        numerator: 91,
        denominator: 110,
        reportingUnits: 2,
        expectedUnits: 63,
      },
    ]);
    expect(national[0].value).not.toBeCloseTo(0.5, 2);
    expect(ofUnit).toEqual([
      { period: '2019-11', value: 0.1, reportingUnits: 1, expectedUnits: 1 },
    ]);
    // Furthest from 30% first: Hà Giang (0.3 − 0.1), then Hà Nội (0.3 − 0.9); the 61 silent provinces last.
    expect(byProvince).toHaveLength(63);
    expect(byProvince.slice(0, 3)).toEqual([
      {
        unit: { code: '02' },
        figure: { value: 0.1, reportingUnits: 1 },
        gapToTarget: expect.closeTo(0.2, 10),
      },
      {
        unit: { code: '01' },
        figure: { value: 0.9, reportingUnits: 1 },
        gapToTarget: expect.closeTo(-0.6, 10),
      },
      { unit: expect.anything(), figure: { value: null, reportingUnits: 0 }, gapToTarget: null },
    ]);
    // One month is no line: no projected date.
    expect(projection).toMatchObject({
      target: { value: 0.3, due: '2020-12-31' },
      projectedDate: null,
      onTrack: false,
    });
  });

  it('projects a linear national series to the exact day it reaches the target', async () => {
    await defineIndicator(sut, 'RECORDS', 'COUNT', [{ value: 300, due: '2020-12-31' }]);
    // 50 records on 30 September 2019, one more a day after, read at each month's end:
    // the line reaches 300 on day 250, 6 June 2020.
    const monthEnds: [string, number][] = [
      ['2019-09', 0],
      ['2019-10', 31],
      ['2019-11', 61],
      ['2019-12', 92],
      ['2020-01', 123],
      ['2020-02', 152],
    ];
    const values = monthEnds.map(([period, day], i) =>
      value('RECORDS', '04', i + 1, period, 50 + day),
    );
    expect((await pushValues(sut, '04', values)).errors).toBeUndefined();
    const r = await sut.gql(FIGURES, { code: 'RECORDS' });
    // an explicit null month is no month: the latest, as when the argument is left out
    const withNull = await sut.gql(FIGURES, { code: 'RECORDS', period: null });
    expect(withNull.errors).toBeUndefined();
    expect(withNull.data).toEqual(r.data);
    expect(r.data!.indicator.projection).toEqual({
      target: { value: 300, due: '2020-12-31' },
      latest: { period: '2020-02', value: 202 },
      projectedDate: '2020-06-06',
      onTrack: true,
    });
    expect(r.data!.indicator.byProvince[0]).toEqual({
      unit: { code: '04' },
      figure: { value: 202, reportingUnits: 1 },
      gapToTarget: 98,
    });
  });

  it('a flat series is never projected to reach the target', async () => {
    await defineIndicator(sut, 'FLAT', 'COUNT', [{ value: 300, due: '2020-12-31' }]);
    const periods = ['2019-10', '2019-11', '2019-12', '2020-01'];
    await pushValues(
      sut,
      '06',
      periods.map((p, i) => value('FLAT', '06', i + 1, p, 120)),
    );
    const r = await sut.gql(FIGURES, { code: 'FLAT' });
    expect(r.data!.indicator.projection).toMatchObject({ projectedDate: null, onTrack: false });
  });
});
