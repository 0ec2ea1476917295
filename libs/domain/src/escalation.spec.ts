import { addDays } from './calendar';
import {
  DEFAULT_ESCALATION_POLICY as P,
  desiredEscalations,
  EscalationFacts,
  KnownEscalation,
  leaderMayAct,
  levelForAge,
  reconcileEscalations,
  resolvePolicy,
} from './escalation';
import {
  EscalationLevel as L,
  EscalationReason as R,
  EscalationState as St,
  Health as H,
  MilestoneStatus as S,
} from './vocabulary';

const today = '2020-03-01';
const facts = (over: Partial<EscalationFacts>): EscalationFacts => ({
  milestoneId: 'm',
  status: S.IN_PROGRESS,
  health: H.ON_TRACK,
  baselineDue: '2020-12-31',
  forecastDue: null,
  blockedSince: null,
  lastReportOn: today,
  waitingUnits: 0,
  ...over,
});
/** A milestone `days` late today. */
const late = (days: number, over: Partial<EscalationFacts> = {}) =>
  facts({ health: H.LATE, baselineDue: addDays(today, -days), ...over });
const only = (f: EscalationFacts, reason: R) =>
  desiredEscalations(f, P, today).filter((d) => d.reason === reason);

describe('OVERDUE thresholds', () => {
  it.each<[number, L | null]>([
    [1, L.DEPARTMENT],
    [14, L.DEPARTMENT],
    [15, L.UNIT_LEADERSHIP],
    [29, L.UNIT_LEADERSHIP],
    [30, L.MINISTRY],
    [59, L.MINISTRY],
    [60, L.MINISTER],
    [89, L.MINISTER],
    [90, L.GOVERNMENT],
    [400, L.GOVERNMENT],
  ])('%d days late → %s', (days, level) => {
    const [d] = only(late(days), R.OVERDUE);
    expect(d?.level ?? null).toBe(level);
    expect(d?.ageDays).toBe(days);
  });

  it('is not raised for a milestone that is not LATE', () => {
    expect(only(facts({ health: H.AT_RISK }), R.OVERDUE)).toEqual([]);
  });
});

describe('BLOCKED thresholds (age from the report that set BLOCKED)', () => {
  it.each<[number, L | null]>([
    [0, null],
    [1, L.DEPARTMENT],
    [6, L.DEPARTMENT],
    [7, L.UNIT_LEADERSHIP],
    [20, L.UNIT_LEADERSHIP],
    [21, L.MINISTRY],
    [44, L.MINISTRY],
    [45, L.MINISTER],
    [200, L.MINISTER],
  ])('blocked %d days → %s', (days, level) => {
    const f = facts({ status: S.BLOCKED, health: H.BLOCKED, blockedSince: addDays(today, -days) });
    expect(only(f, R.BLOCKED)[0]?.level ?? null).toBe(level);
  });
});

describe('FORECAST_SLIP', () => {
  it.each<[number, L | null]>([
    [30, null],
    [31, L.MINISTRY],
    [120, L.MINISTRY],
  ])('forecast %d days after baseline → %s', (slip, level) => {
    const f = facts({
      baselineDue: '2020-06-30',
      forecastDue: addDays('2020-06-30', slip),
      health: H.AT_RISK,
    });
    const [d] = only(f, R.FORECAST_SLIP);
    expect(d?.level ?? null).toBe(level);
    expect(d?.ageDays ?? slip).toBe(slip);
  });
});

describe('STALE_REPORT', () => {
  it.each<[number, L | null]>([
    [29, null],
    [30, L.DEPARTMENT],
    [59, L.DEPARTMENT],
    [60, L.UNIT_LEADERSHIP],
    [365, L.UNIT_LEADERSHIP],
  ])('no report for %d days → %s', (days, level) => {
    expect(
      only(facts({ lastReportOn: addDays(today, -days) }), R.STALE_REPORT)[0]?.level ?? null,
    ).toBe(level);
  });

  it.each([S.DONE, S.CANCELLED])('never for a %s milestone', (status) => {
    expect(desiredEscalations(facts({ status, lastReportOn: '2019-01-01' }), P, today)).toEqual([]);
  });
});

describe('DEPENDENCY_LATE', () => {
  it('a LATE central milestone that provinces wait on goes to the minister, naming how many', () => {
    expect(only(late(61, { waitingUnits: 18 }), R.DEPENDENCY_LATE)).toEqual([
      {
        milestoneId: 'm',
        reason: R.DEPENDENCY_LATE,
        level: L.MINISTER,
        ageDays: 61,
        waitingUnits: 18,
      },
    ]);
  });

  it('is not raised when nobody waits, or when it is not late', () => {
    expect(only(late(61), R.DEPENDENCY_LATE)).toEqual([]);
    expect(only(facts({ waitingUnits: 5, health: H.AT_RISK }), R.DEPENDENCY_LATE)).toEqual([]);
  });
});

describe('per-program policy', () => {
  it('overrides thresholds', () => {
    const strict = resolvePolicy({ overdue: [{ days: 1, level: L.MINISTRY }] });
    expect(
      desiredEscalations(late(2), strict, today).find((d) => d.reason === R.OVERDUE)?.level,
    ).toBe(L.MINISTRY);
    expect(levelForAge(strict.blocked, 7)).toBe(L.UNIT_LEADERSHIP);
  });

  it('refuses steps that do not rise', () => {
    expect(() =>
      resolvePolicy({
        overdue: [
          { days: 10, level: L.MINISTRY },
          { days: 5, level: L.MINISTER },
        ],
      }),
    ).toThrow(/rise/);
  });
});

describe(reconcileEscalations.name, () => {
  const known = (over: Partial<KnownEscalation>): KnownEscalation => ({
    id: 'e1',
    milestoneId: 'm',
    reason: R.OVERDUE,
    state: St.OPEN,
    level: L.DEPARTMENT,
    ageDays: 3,
    waitingUnits: 0,
    resolution: null,
    ...over,
  });
  const want = (level: L, ageDays = 20) => ({
    milestoneId: 'm',
    reason: R.OVERDUE,
    level,
    ageDays,
    waitingUnits: 0,
  });

  it('opens a new escalation', () => {
    expect(reconcileEscalations([want(L.DEPARTMENT)], [], ['m'])).toEqual([
      { kind: 'OPEN', desired: want(L.DEPARTMENT) },
    ]);
  });

  it('raises an open one as it ages (day 14 → 15)', () => {
    expect(
      reconcileEscalations([want(L.UNIT_LEADERSHIP, 15)], [known({ ageDays: 14 })], ['m']),
    ).toEqual([{ kind: 'RAISE', id: 'e1', desired: want(L.UNIT_LEADERSHIP, 15), reopen: false }]);
  });

  it('re-opens an acknowledged one when the level rises', () => {
    const [a] = reconcileEscalations(
      [want(L.UNIT_LEADERSHIP)],
      [known({ state: St.ACKNOWLEDGED })],
      ['m'],
    );
    expect(a).toMatchObject({ kind: 'RAISE', reopen: true });
  });

  it('leaves an acknowledged one acknowledged while the level holds, refreshing its age', () => {
    expect(
      reconcileEscalations([want(L.DEPARTMENT, 4)], [known({ state: St.ACKNOWLEDGED })], ['m']),
    ).toEqual([{ kind: 'REFRESH', id: 'e1', desired: want(L.DEPARTMENT, 4) }]);
    expect(
      reconcileEscalations([want(L.DEPARTMENT, 3)], [known({ state: St.ACKNOWLEDGED })], ['m']),
    ).toEqual([]);
  });

  it('lowers without re-opening when the condition eases', () => {
    expect(
      reconcileEscalations([want(L.DEPARTMENT)], [known({ level: L.MINISTRY })], ['m'])[0],
    ).toMatchObject({ kind: 'LOWER' });
  });

  it('resolves by itself when the condition clears, saying so', () => {
    const [a] = reconcileEscalations([], [known({})], ['m']);
    expect(a).toEqual({
      kind: 'AUTO_RESOLVE',
      id: 'e1',
      note: 'Resolved automatically: the milestone is no longer late.',
    });
  });

  it('does not touch escalations of milestones outside the evaluation', () => {
    expect(reconcileEscalations([], [known({})], ['other'])).toEqual([]);
  });

  it('after a hand resolve, raises again only above the level it was resolved at', () => {
    const resolved = known({ state: St.RESOLVED, resolution: 'MANUAL', level: L.UNIT_LEADERSHIP });
    expect(reconcileEscalations([want(L.UNIT_LEADERSHIP)], [resolved], ['m'])).toEqual([]);
    expect(reconcileEscalations([want(L.DEPARTMENT)], [resolved], ['m'])).toEqual([]);
    expect(reconcileEscalations([want(L.MINISTRY)], [resolved], ['m'])).toEqual([
      { kind: 'OPEN', desired: want(L.MINISTRY) },
    ]);
  });

  it('after an automatic resolve, raises again as soon as the condition returns', () => {
    const cleared = known({ state: St.RESOLVED, resolution: 'AUTO', level: L.MINISTRY });
    expect(reconcileEscalations([want(L.DEPARTMENT)], [cleared], ['m'])).toEqual([
      { kind: 'OPEN', desired: want(L.DEPARTMENT) },
    ]);
  });
});

describe(leaderMayAct.name, () => {
  const esc = { level: L.UNIT_LEADERSHIP, unitCode: '01', ownerCode: 'BTNMT' };
  it.each<[string, { level: L; unit?: string }, boolean]>([
    ['the province’s leadership at that level', { level: L.UNIT_LEADERSHIP, unit: '01' }, true],
    ['another province’s leadership', { level: L.UNIT_LEADERSHIP, unit: '79' }, false],
    ['the province’s department, below the level', { level: L.DEPARTMENT, unit: '01' }, false],
    ['the owning minister, above the level', { level: L.MINISTER, unit: 'BTNMT' }, true],
    ['another ministry’s minister', { level: L.MINISTER, unit: 'BCA' }, false],
    ['the government', { level: L.GOVERNMENT }, true],
  ])('%s → %s', (_name, seat, expected) => {
    expect(leaderMayAct(seat, esc)).toBe(expected);
  });
});
