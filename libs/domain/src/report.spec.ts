import { DomainError } from './errors';
import { afterReport, ProgressReport, validateReport } from './report';
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

describe(afterReport.name, () => {
  const t1 = '2020-02-01T08:00:00Z';
  const t2 = '2020-02-20T08:00:00Z';

  it.each<[string, { status: S; blockedSince: string | null }, S, string | null]>([
    ['blocking starts the count', { status: S.IN_PROGRESS, blockedSince: null }, S.BLOCKED, t2],
    ['staying blocked keeps it', { status: S.BLOCKED, blockedSince: t1 }, S.BLOCKED, t1],
    ['unblocking clears it', { status: S.BLOCKED, blockedSince: t1 }, S.IN_PROGRESS, null],
    ['done clears it', { status: S.BLOCKED, blockedSince: t1 }, S.DONE, null],
    [
      'a stale mark on an unblocked milestone is not kept',
      { status: S.IN_PROGRESS, blockedSince: t1 },
      S.BLOCKED,
      t2,
    ],
    [
      'a blocked milestone without a mark gets one',
      { status: S.BLOCKED, blockedSince: null },
      S.BLOCKED,
      t2,
    ],
  ])('%s', (_name, before, next, expected) => {
    expect(afterReport(before, next, t2)).toEqual({ status: next, blockedSince: expected });
  });

  it('followed through reports in order, the count starts at the first BLOCKED of a run', () => {
    const reports: [S, string][] = [
      [S.BLOCKED, 'a'],
      [S.BLOCKED, 'b'],
      [S.IN_PROGRESS, 'c'],
      [S.BLOCKED, 'd'],
      [S.BLOCKED, 'e'],
    ];
    let state: { status: string; blockedSince: string | null } = {
      status: S.NOT_STARTED,
      blockedSince: null,
    };
    const marks = reports.map(
      ([status, at]) => (state = afterReport(state, status, at)).blockedSince,
    );
    expect(marks).toEqual(['a', 'a', null, 'd', 'd']);
  });
});
