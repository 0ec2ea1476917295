import { addDays, dayNumber, daysBetween, fromDayNumber, isIsoDate } from './calendar';

describe(isIsoDate.name, () => {
  it.each([
    ['2020-02-29', true],
    ['2019-02-29', false],
    ['2019-02-30', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2020-13-01', false],
    ['2020-00-10', false],
    ['2020-04-31', false],
    ['2020-4-1', false],
    ['2020-04-01T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('day arithmetic', () => {
  it('counts days across leap years and month ends', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(daysBetween('2019-12-31', '2020-03-01')).toBe(61);
    expect(daysBetween('2020-03-01', '2019-12-31')).toBe(-61);
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
  });

  it('fromDayNumber inverts dayNumber over decades', () => {
    for (let d = dayNumber('1999-01-01'); d < dayNumber('2031-01-01'); d += 7) {
      expect(dayNumber(fromDayNumber(d))).toBe(d);
    }
  });
});
