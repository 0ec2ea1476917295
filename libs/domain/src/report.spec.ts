import { DomainError } from './errors';
import { ProgressReport, validateReport } from './report';
import { MilestoneStatus as S } from './vocabulary';

const on = '2020-03-01';

function fieldOf(report: ProgressReport): string | undefined {
  try {
    validateReport(report, on);
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  return undefined;
}

describe(validateReport.name, () => {
  it.each<[string, ProgressReport, string | undefined]>([
    ['DONE at 100', { status: S.DONE, percentComplete: 100 }, undefined],
    ['DONE at 99', { status: S.DONE, percentComplete: 99 }, 'percentComplete'],
    [
      'BLOCKED with a blocker',
      { status: S.BLOCKED, percentComplete: 20, blocker: 'Chưa bố trí kinh phí' },
      undefined,
    ],
    ['BLOCKED without a blocker', { status: S.BLOCKED, percentComplete: 20 }, 'blocker'],
    [
      'BLOCKED with a blank blocker',
      { status: S.BLOCKED, percentComplete: 20, blocker: '   ' },
      'blocker',
    ],
    [
      'completedOn in the future',
      { status: S.DONE, percentComplete: 100, completedOn: '2020-03-02' },
      'completedOn',
    ],
    [
      'completedOn today',
      { status: S.DONE, percentComplete: 100, completedOn: '2020-03-01' },
      undefined,
    ],
    [
      'completedOn on an unfinished milestone',
      { status: S.IN_PROGRESS, percentComplete: 50, completedOn: '2020-02-01' },
      'completedOn',
    ],
    ['percent above 100', { status: S.IN_PROGRESS, percentComplete: 101 }, 'percentComplete'],
    ['percent below 0', { status: S.IN_PROGRESS, percentComplete: -1 }, 'percentComplete'],
    ['fractional percent', { status: S.IN_PROGRESS, percentComplete: 50.5 }, 'percentComplete'],
    [
      'impossible forecast',
      { status: S.IN_PROGRESS, percentComplete: 5, forecastDue: '2020-02-30' },
      'forecastDue',
    ],
    ['CANCELLED is the PMO’s to set', { status: S.CANCELLED, percentComplete: 0 }, 'status'],
  ])('%s', (_name, report, field) => {
    expect(fieldOf(report)).toBe(field);
  });

  it('defaults completedOn of a DONE report to the report date', () => {
    expect(validateReport({ status: S.DONE, percentComplete: 100 }, on).completedOn).toBe(on);
  });
});
