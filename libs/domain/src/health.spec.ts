import { computeHealth, daysLate, holdsUpDependants, MilestoneState, worstHealth } from './health';
import { Health, MilestoneStatus as S } from './vocabulary';

const today = '2020-03-01';
const m = (
  status: S,
  baselineDue: string,
  extra: Partial<MilestoneState> = {},
): MilestoneState => ({
  status,
  baselineDue,
  ...extra,
});

describe(computeHealth.name, () => {
  it.each<[string, MilestoneState, MilestoneState[], Health]>([
    [
      'DONE wins over everything, even long overdue',
      m(S.DONE, '2019-01-01', { completedOn: '2020-02-01' }),
      [],
      Health.DONE,
    ],
    ['BLOCKED wins over LATE', m(S.BLOCKED, '2019-12-31'), [], Health.BLOCKED],
    ['BLOCKED before its date', m(S.BLOCKED, '2020-06-30'), [], Health.BLOCKED],
    ['one day past baseline is LATE', m(S.IN_PROGRESS, '2020-02-29'), [], Health.LATE],
    ['exactly on baselineDue is not late', m(S.IN_PROGRESS, '2020-03-01'), [], Health.ON_TRACK],
    ['NOT_STARTED past baseline is LATE', m(S.NOT_STARTED, '2020-01-31'), [], Health.LATE],
    [
      'LATE wins over a slipping forecast',
      m(S.IN_PROGRESS, '2020-02-01', { forecastDue: '2020-05-01' }),
      [],
      Health.LATE,
    ],
    [
      'forecast after baseline is AT_RISK',
      m(S.IN_PROGRESS, '2020-06-30', { forecastDue: '2020-07-01' }),
      [],
      Health.AT_RISK,
    ],
    [
      'forecast on baseline is ON_TRACK',
      m(S.IN_PROGRESS, '2020-06-30', { forecastDue: '2020-06-30' }),
      [],
      Health.ON_TRACK,
    ],
    [
      'forecast before baseline is ON_TRACK',
      m(S.IN_PROGRESS, '2020-06-30', { forecastDue: '2020-05-01' }),
      [],
      Health.ON_TRACK,
    ],
    [
      'a LATE dependency puts it AT_RISK',
      m(S.NOT_STARTED, '2020-06-30'),
      [m(S.IN_PROGRESS, '2019-12-31')],
      Health.AT_RISK,
    ],
    [
      'a BLOCKED dependency puts it AT_RISK',
      m(S.NOT_STARTED, '2020-06-30'),
      [m(S.BLOCKED, '2020-12-31')],
      Health.AT_RISK,
    ],
    [
      'an AT_RISK dependency does not propagate',
      m(S.NOT_STARTED, '2020-06-30'),
      [m(S.IN_PROGRESS, '2020-04-30', { forecastDue: '2020-05-30' })],
      Health.ON_TRACK,
    ],
    [
      'a dependency due today is not late',
      m(S.NOT_STARTED, '2020-06-30'),
      [m(S.IN_PROGRESS, '2020-03-01')],
      Health.ON_TRACK,
    ],
    [
      'a DONE dependency is fine however late it was',
      m(S.NOT_STARTED, '2020-06-30'),
      [m(S.DONE, '2019-01-01')],
      Health.ON_TRACK,
    ],
    [
      'a CANCELLED dependency holds nothing up',
      m(S.NOT_STARTED, '2020-06-30'),
      [m(S.CANCELLED, '2019-01-01')],
      Health.ON_TRACK,
    ],
    [
      'one bad dependency among good ones',
      m(S.NOT_STARTED, '2020-06-30'),
      [m(S.DONE, '2019-01-01'), m(S.BLOCKED, '2020-09-01')],
      Health.AT_RISK,
    ],
    [
      'CANCELLED reads ON_TRACK even when overdue',
      m(S.CANCELLED, '2019-01-01'),
      [],
      Health.ON_TRACK,
    ],
    ['nothing wrong is ON_TRACK', m(S.IN_PROGRESS, '2020-12-31'), [], Health.ON_TRACK],
  ])('%s', (_name, milestone, deps, expected) => {
    expect(computeHealth(milestone, today, deps)).toBe(expected);
  });
});

describe(holdsUpDependants.name, () => {
  it.each<[MilestoneState, boolean]>([
    [m(S.BLOCKED, '2030-01-01'), true],
    [m(S.IN_PROGRESS, '2020-02-29'), true],
    [m(S.IN_PROGRESS, '2020-03-01'), false],
    [m(S.DONE, '2019-01-01'), false],
    [m(S.CANCELLED, '2019-01-01'), false],
  ])('%o → %s', (dep, expected) => {
    expect(holdsUpDependants(dep, today)).toBe(expected);
  });
});

describe(daysLate.name, () => {
  it.each<[string, MilestoneState, number]>([
    ['not done: baseline to today', m(S.IN_PROGRESS, '2019-12-31'), 61],
    ['due today: 0', m(S.IN_PROGRESS, '2020-03-01'), 0],
    ['not yet due: never negative', m(S.IN_PROGRESS, '2020-12-31'), 0],
    [
      'done late: baseline to completedOn',
      m(S.DONE, '2019-12-31', { completedOn: '2020-01-10' }),
      10,
    ],
    ['done early: 0', m(S.DONE, '2019-12-31', { completedOn: '2019-12-01' }), 0],
    ['cancelled: 0', m(S.CANCELLED, '2019-01-01'), 0],
  ])('%s', (_name, milestone, expected) => {
    expect(daysLate(milestone, today)).toBe(expected);
  });
});

describe(worstHealth.name, () => {
  it('orders BLOCKED, LATE, AT_RISK, ON_TRACK, DONE', () => {
    expect(worstHealth([Health.DONE, Health.AT_RISK, Health.ON_TRACK])).toBe(Health.AT_RISK);
    expect(worstHealth([Health.LATE, Health.BLOCKED])).toBe(Health.BLOCKED);
    expect(worstHealth([Health.DONE, Health.DONE])).toBe(Health.DONE);
    expect(worstHealth([])).toBe(Health.ON_TRACK);
  });
});
