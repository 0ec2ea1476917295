import { asOfDay, DatedReport, reportAsOf } from './as-of';
import { DomainError } from './errors';

describe(asOfDay.name, () => {
  it('is today when not given, the day itself when not after today', () => {
    expect(asOfDay(undefined, '2025-09-15')).toBe('2025-09-15');
    expect(asOfDay(null, '2025-09-15')).toBe('2025-09-15');
    expect(asOfDay('2020-03-01', '2025-09-15')).toBe('2020-03-01');
    expect(asOfDay('2025-09-15', '2025-09-15')).toBe('2025-09-15');
  });

  it.each([
    ['2025-09-16', /after today \(2025-09-15\)/],
    ['2025-02-30', /YYYY-MM-DD/],
    ['15/09/2025', /YYYY-MM-DD/],
  ])('refuses %s on the asOf field', (asOf, message) => {
    let error: unknown;
    try {
      asOfDay(asOf, '2025-09-15');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe('asOf');
    expect((error as DomainError).message).toMatch(message);
  });
});

describe(reportAsOf.name, () => {
  const r = (seq: number, reportDate: string): DatedReport<string> => ({
    seq,
    reportDate,
    report: `#${seq}`,
  });
  // a node's reports in seq order, each dated by the Việt Nam day it was made
  const applied = [r(1, '2020-03-01'), r(2, '2020-03-05'), r(3, '2020-03-10'), r(4, '2020-03-12')];

  it.each<[string, string, string | null]>([
    ['before any report: never reported', '2020-02-29', null],
    ['on the day of a report: that report', '2020-03-01', '#1'],
    ['between reports: the last one made by then', '2020-03-07', '#2'],
    ['after all: the highest seq', '2020-12-31', '#4'],
  ])('%s', (_name, day, expected) => {
    expect(reportAsOf(applied, day)?.report ?? null).toBe(expected);
  });

  it('counts a report dated on or before the day by its seq, whatever order they come in', () => {
    const shuffled = [r(3, '2020-03-10'), r(1, '2020-03-01'), r(2, '2020-03-05')];
    expect(reportAsOf(shuffled, '2020-03-10')?.seq).toBe(3);
    expect(reportAsOf(shuffled, '2020-03-09')?.seq).toBe(2);
  });
});
