import { DomainError } from './errors';
import {
  checkDeadlineDay,
  deadlineOf,
  ExpectedReport,
  owesMonth,
  rankReporting,
  reportingPeriod,
  reportingCompleteness,
  UnitReporting,
  UnitReportingCounts,
} from './reporting';

const period = '2019-11';
const due = '2019-12-05';
const expected = (subject: string, ...receivedOn: string[]): ExpectedReport => ({
  subject,
  receivedOn,
});
const unit = (
  unitId: string,
  reports: ExpectedReport[],
  over: Partial<UnitReporting> = {},
): UnitReporting => ({
  unitId,
  validFrom: null,
  validTo: null,
  expected: reports,
  deadlineOf: () => due,
  ...over,
});

describe(reportingCompleteness.name, () => {
  it('counts received and on time per unit; a report after the deadline is received but late', () => {
    const { rows } = reportingCompleteness(
      [unit('A', [expected('m1', '2019-11-20'), expected('m2', '2019-12-09'), expected('i1')])],
      period,
    );
    expect(rows).toEqual([
      { unitId: 'A', expected: 3, received: 2, onTime: 1, completeness: 2 / 3, timeliness: 1 / 3 },
    ]);
  });

  it('a subject reported twice counts once, on time if any receipt was', () => {
    const { rows } = reportingCompleteness(
      [unit('A', [expected('m1', '2019-12-20', '2019-11-02')])],
      period,
    );
    expect(rows[0]).toMatchObject({ received: 1, onTime: 1 });
  });

  it('uses the deadline of each subject (a program may give more days)', () => {
    const late = unit('A', [expected('m1', '2019-12-08')], {
      deadlineOf: (s) => (s === 'm1' ? '2019-12-10' : due),
    });
    expect(reportingCompleteness([late], period).rows[0].onTime).toBe(1);
  });

  it('nothing expected: complete and timely', () => {
    expect(reportingCompleteness([unit('A', [])], period).rows[0]).toMatchObject({
      completeness: 1,
      timeliness: 1,
    });
  });

  it('national figures are sums over provinces, not means of their rates; worst first', () => {
    // A: 0 of 1 (0%); B: 9 of 9 (100%). Sum: 9 of 10 = 90%; a mean of rates would say 50%.
    const b = Array.from({ length: 9 }, (_, i) => expected(`b${i}`, '2019-11-30'));
    const { rows, total } = reportingCompleteness(
      [unit('B', b), unit('A', [expected('a0')])],
      period,
    );
    expect(rows.map((r) => r.unitId)).toEqual(['A', 'B']);
    expect(total).toEqual({
      expected: 10,
      received: 9,
      onTime: 9,
      completeness: 0.9,
      timeliness: 0.9,
    });
  });
});

describe(owesMonth.name, () => {
  it.each<[string, string | null, string | null, boolean]>([
    ['always existed', null, null, true],
    ['began during the month (a successor): owes all of it', '2019-11-15', null, true],
    ['began on the last day', '2019-11-30', null, true],
    ['begins next month', '2019-12-01', null, false],
    ['ended during the month (merged): its successor answers', null, '2019-11-14', false],
    ['ended on the last day: owes it', null, '2019-11-30', true],
    ['ended before the month', null, '2019-10-31', false],
  ])('%s', (_, validFrom, validTo, owes) => {
    expect(owesMonth({ validFrom, validTo }, period)).toBe(owes);
  });

  it('a unit ended mid-month is left out of the month: the month is owed once across a merger', () => {
    const merged = unit('OLD', [expected('m1')], { validTo: '2019-11-14' });
    const successor = unit('NEW', [expected('m1x', '2019-12-01')], { validFrom: '2019-11-15' });
    const { rows, total } = reportingCompleteness([merged, successor], period);
    expect(rows.map((r) => r.unitId)).toEqual(['NEW']);
    expect(total).toMatchObject({ expected: 1, received: 1, onTime: 1 });
  });
});

describe(rankReporting.name, () => {
  const counted = (
    unitId: string,
    expected: number,
    received: number,
    onTime: number,
    over: Partial<UnitReportingCounts> = {},
  ): UnitReportingCounts => ({
    unitId,
    validFrom: null,
    validTo: null,
    expected,
    received,
    onTime,
    ...over,
  });

  it('ranks counts a database summed per unit as it ranks subjects: worst completeness, then timeliness, then most owed', () => {
    const { rows } = rankReporting(
      [
        counted('ALL_ON_TIME', 4, 4, 4),
        counted('LATE', 4, 4, 1),
        counted('SILENT_SMALL', 2, 0, 0),
        counted('SILENT_BIG', 40, 0, 0),
        counted('HALF', 4, 2, 2),
      ],
      period,
    );
    expect(rows.map((r) => r.unitId)).toEqual([
      'SILENT_BIG',
      'SILENT_SMALL',
      'HALF',
      'LATE',
      'ALL_ON_TIME',
    ]);
    expect(rows[3]).toEqual({
      unitId: 'LATE',
      expected: 4,
      received: 4,
      onTime: 1,
      completeness: 1,
      timeliness: 0.25,
    });
  });

  it('sums over the units that owe the month: one ended mid-month is neither a row nor in the total', () => {
    const { rows, total } = rankReporting(
      [
        counted('OLD', 5, 0, 0, { validTo: '2019-11-14' }),
        counted('NEW', 6, 3, 2, { validFrom: '2019-11-15' }),
        counted('KEPT', 2, 2, 2),
      ],
      period,
    );
    expect(rows.map((r) => r.unitId)).toEqual(['NEW', 'KEPT']);
    // 5 of 8 = 0.625; a mean of the rows' rates would say (0.5 + 1) / 2 = 0.75
    expect(total).toEqual({
      expected: 8,
      received: 5,
      onTime: 4,
      completeness: 5 / 8,
      timeliness: 0.5,
    });
  });

  it('no unit owes the month: nothing expected, complete and timely', () => {
    expect(rankReporting([], period).total).toEqual({
      expected: 0,
      received: 0,
      onTime: 0,
      completeness: 1,
      timeliness: 1,
    });
  });
});

describe(reportingPeriod.name, () => {
  it.each(['2020-03', '2020-02', '2019-12'])('%s, up to the current month, is a period', (p) => {
    expect(reportingPeriod('period', p, '2020-03-01')).toBe(p);
  });

  it.each([
    ['2020-04', /after the current month 2020-03/],
    ['2020-3', /not a month/],
    ['2020-13', /not a month/],
    ['March', /not a month/],
  ])('%s is refused, naming the field', (p, message) => {
    let error: unknown;
    try {
      reportingPeriod('period', p, '2020-03-31');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period', message });
  });
});

describe(checkDeadlineDay.name, () => {
  it.each([1, 5, 28])('day %d of the next month exists every month', (d) => {
    expect(checkDeadlineDay('day', d)).toBe(d);
    expect(deadlineOf('2019-01', d)).toBe(`2019-02-${String(d).padStart(2, '0')}`);
  });

  it.each([0, 29, 31, -1, 2.5])('day %d is refused, naming the field', (d) => {
    expect(() => checkDeadlineDay('day', d)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'day' }),
    );
  });
});
