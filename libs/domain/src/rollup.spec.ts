import fc from 'fast-check';
import {
  addSums,
  NO_MILESTONES,
  programHealthOf,
  progressOf,
  rollUp,
  RollupFact,
  rowHealthOf,
  sumFacts,
} from './rollup';
import { Health, MilestoneStatus as S } from './vocabulary';

const today = '2020-03-01';
const fact = (over: Partial<RollupFact>): RollupFact => ({
  status: S.IN_PROGRESS,
  health: Health.ON_TRACK,
  weight: 1,
  percentComplete: 0,
  baselineDue: '2020-12-31',
  completedOn: null,
  ...over,
});
const done = (baselineDue: string, completedOn: string, weight = 1) =>
  fact({
    status: S.DONE,
    health: Health.DONE,
    percentComplete: 100,
    baselineDue,
    completedOn,
    weight,
  });

describe(rollUp.name, () => {
  it('weights percent complete and counts DONE as 100', () => {
    const p = rollUp(
      [
        fact({ weight: 3, percentComplete: 50 }),
        fact({ weight: 1, status: S.DONE, health: Health.DONE, percentComplete: 100 }),
      ],
      today,
    );
    // (3 × 50 + 1 × 100) / 4
    expect(p.percentComplete).toBe(62.5);
    expect(p.total).toBe(2);
    expect(p.done).toBe(1);
    expect(p.onTrack).toBe(1);
  });

  it('leaves CANCELLED out of every figure', () => {
    const p = rollUp(
      [
        fact({ percentComplete: 40 }),
        fact({ status: S.CANCELLED, percentComplete: 0, weight: 100, baselineDue: '2019-01-01' }),
      ],
      today,
    );
    expect(p).toEqual({
      percentComplete: 40,
      total: 1,
      done: 0,
      late: 0,
      blocked: 0,
      atRisk: 0,
      onTrack: 1,
      onTimeRate: null,
    });
  });

  it('counts each health', () => {
    const p = rollUp(
      [
        fact({ health: Health.LATE, baselineDue: '2020-01-01' }),
        fact({ health: Health.LATE, baselineDue: '2020-01-01' }),
        fact({ health: Health.BLOCKED, status: S.BLOCKED }),
        fact({ health: Health.AT_RISK }),
        fact({ health: Health.ON_TRACK }),
      ],
      today,
    );
    expect([p.late, p.blocked, p.atRisk, p.onTrack, p.done, p.total]).toEqual([2, 1, 1, 1, 0, 5]);
  });

  it('onTimeRate: of milestones due before today, the share done on or before baselineDue', () => {
    const p = rollUp(
      [
        done('2020-01-31', '2020-01-31'), // on the day: on time
        done('2020-01-31', '2020-02-01'), // a day late
        fact({ health: Health.LATE, baselineDue: '2020-02-15' }), // overdue, not done
        done('2020-03-01', '2020-02-01'), // due today: not yet counted
        fact({ baselineDue: '2020-06-30' }), // future: not counted
      ],
      today,
    );
    expect(p.onTimeRate).toBe(0.3333);
  });

  it('an empty program has 0% and no on-time rate', () => {
    expect(rollUp([], today)).toEqual({
      percentComplete: 0,
      total: 0,
      done: 0,
      late: 0,
      blocked: 0,
      atRisk: 0,
      onTrack: 0,
      onTimeRate: null,
    });
  });
});

describe(programHealthOf.name, () => {
  const many = (n: number, health: Health) =>
    Array.from({ length: n }, () =>
      fact({ health, status: health === Health.DONE ? S.DONE : S.IN_PROGRESS }),
    );

  it.each<[string, RollupFact[], Health]>([
    ['all DONE', many(5, Health.DONE), Health.DONE],
    [
      'all DONE but a cancelled one',
      [...many(5, Health.DONE), fact({ status: S.CANCELLED })],
      Health.DONE,
    ],
    [
      'exactly 10% BLOCKED',
      [...many(1, Health.BLOCKED), ...many(9, Health.ON_TRACK)],
      Health.BLOCKED,
    ],
    [
      '9% BLOCKED, 10% LATE',
      [...many(9, Health.BLOCKED), ...many(10, Health.LATE), ...many(81, Health.ON_TRACK)],
      Health.LATE,
    ],
    [
      'worst held by 10% wins over a larger milder share',
      [...many(2, Health.LATE), ...many(8, Health.AT_RISK), ...many(10, Health.ON_TRACK)],
      Health.LATE,
    ],
    [
      'problems all under 10%',
      [...many(9, Health.LATE), ...many(9, Health.AT_RISK), ...many(82, Health.ON_TRACK)],
      Health.ON_TRACK,
    ],
    [
      '95% DONE and 5% LATE is not DONE',
      [...many(19, Health.DONE), ...many(1, Health.LATE)],
      Health.ON_TRACK,
    ],
    ['no milestones', [], Health.ON_TRACK],
  ])('%s', (_name, facts, expected) => {
    expect(programHealthOf(sumFacts(facts, today))).toBe(expected);
  });
});

describe(rowHealthOf.name, () => {
  const rowHealth = (facts: RollupFact[]) => rowHealthOf(sumFacts(facts, today));

  it('is the worst counted milestone', () => {
    expect(rowHealth([fact({ health: Health.AT_RISK }), fact({ health: Health.LATE })])).toBe(
      Health.LATE,
    );
    expect(
      rowHealth([
        fact({ health: Health.DONE }),
        fact({ status: S.CANCELLED, health: Health.ON_TRACK }),
      ]),
    ).toBe(Health.DONE);
    expect(rowHealth([])).toBe(Health.ON_TRACK);
  });
});

describe(addSums.name, () => {
  const anyFact = fc.record({
    status: fc.constantFrom(...Object.values(S)),
    health: fc.constantFrom(...Object.values(Health)),
    // halves: sums of them are exact, whatever the order they are added in
    weight: fc.integer({ min: 1, max: 20 }).map((w) => w / 2),
    percentComplete: fc.integer({ min: 0, max: 100 }),
    baselineDue: fc.constantFrom('2020-01-31', '2020-03-01', '2020-06-30'),
    completedOn: fc.constantFrom(null, '2020-01-15', '2020-02-20'),
  });

  it('the sums of two sets add up to the sums of both: cells make programs and provinces', () => {
    fc.assert(
      fc.property(fc.array(anyFact), fc.array(anyFact), (a, b) => {
        const both = addSums(sumFacts(a, today), sumFacts(b, today));
        expect(both).toEqual(sumFacts([...a, ...b], today));
        expect(progressOf(both)).toEqual(rollUp([...a, ...b], today));
      }),
    );
  });

  it('nothing added to nothing is an empty roll-up', () => {
    expect(progressOf(addSums(NO_MILESTONES, NO_MILESTONES))).toEqual(rollUp([], today));
  });
});
