import {
  backoffDelay,
  checkBatchOrder,
  decideBatch,
  IncomingUpdate,
  PriorRecord,
  TargetMilestone,
} from './sync';
import { DomainError } from './errors';
import { MilestoneStatus as S, UpdateOutcome as O } from './vocabulary';

const today = '2020-03-01';
const m1: TargetMilestone = { id: 'm1', status: S.IN_PROGRESS, version: 4 };
const cancelled: TargetMilestone = { id: 'm2', status: S.CANCELLED, version: 0 };

const u = (
  key: string,
  seq: number,
  over: Partial<IncomingUpdate['report']> = {},
  reportDate = today,
): IncomingUpdate => ({
  idempotencyKey: key,
  seq,
  report: { status: S.IN_PROGRESS, percentComplete: 50, ...over },
  reportDate,
});

const targets: Record<string, TargetMilestone | undefined> = {};
const targetOf = (x: IncomingUpdate) => targets[x.idempotencyKey.split(':')[0]];

describe(decideBatch.name, () => {
  beforeAll(() => {
    targets.a = m1;
    targets.c = cancelled;
  });

  it.each<[string, IncomingUpdate, O, RegExp | null]>([
    ['a newer seq is APPLIED', u('a:1', 5), O.APPLIED, null],
    ['an equal seq is STALE', u('a:2', 4), O.STALE, /not above 4/],
    ['an older seq is STALE', u('a:3', 2), O.STALE, /not above 4/],
    ['an unknown milestone is REJECTED', u('zz:1', 9), O.REJECTED, /unknown milestone/],
    ['a CANCELLED milestone is REJECTED', u('c:1', 9), O.REJECTED, /cancelled/],
    [
      'DONE below 100 is REJECTED',
      u('a:4', 9, { status: S.DONE, percentComplete: 90 }),
      O.REJECTED,
      /percentComplete: DONE requires/,
    ],
    [
      'BLOCKED without a blocker is REJECTED',
      u('a:5', 9, { status: S.BLOCKED }),
      O.REJECTED,
      /blocker/,
    ],
    [
      'completedOn after today is REJECTED',
      u(
        'a:6',
        9,
        { status: S.DONE, percentComplete: 100, completedOn: '2020-03-02' },
        '2020-03-05',
      ),
      O.REJECTED,
      /future/,
    ],
    [
      'percent above 100 is REJECTED',
      u('a:7', 9, { percentComplete: 150 }),
      O.REJECTED,
      /0 to 100/,
    ],
    [
      'a rejected update is judged before its seq',
      u('a:8', 1, { status: S.BLOCKED }),
      O.REJECTED,
      /blocker/,
    ],
  ])('%s', (_name, update, outcome, reason) => {
    const [d] = decideBatch([update], targetOf, new Map(), today);
    expect(d.outcome).toBe(outcome);
    expect(d.firstOutcome).toBe(outcome);
    expect(d.record).toBe(true);
    expect(d.reason ?? 'no reason').toMatch(reason ?? /^no reason$/);
  });

  it('a key seen in an earlier batch is DUPLICATE with the first answer, and not recorded again', () => {
    const prior = new Map<string, PriorRecord>([
      ['a:1', { outcome: O.REJECTED, reason: 'blocker: say why', milestoneId: 'm1' }],
    ]);
    const [d] = decideBatch([u('a:1', 5)], targetOf, prior, today);
    expect(d).toEqual({
      idempotencyKey: 'a:1',
      outcome: O.DUPLICATE,
      firstOutcome: O.REJECTED,
      reason: 'blocker: say why',
      milestoneId: 'm1',
      record: false,
    });
  });

  it('a key repeated within one batch is DUPLICATE of its first occurrence', () => {
    const [first, second] = decideBatch([u('a:1', 5), u('a:1', 6)], targetOf, new Map(), today);
    expect(first.outcome).toBe(O.APPLIED);
    expect(second).toMatchObject({ outcome: O.DUPLICATE, firstOutcome: O.APPLIED, record: false });
  });

  it('later updates in a batch see the version earlier ones applied', () => {
    const out = decideBatch([u('a:1', 6), u('a:2', 5), u('a:3', 7)], targetOf, new Map(), today);
    expect(out.map((d) => d.outcome)).toEqual([O.APPLIED, O.STALE, O.APPLIED]);
  });

  it('a merged unit’s report dated after its last day is REJECTED naming the successor; one dated before is judged as usual', () => {
    const ended = { unit: 'Hà Giang (02)', lastDay: '2020-02-25', successor: 'Tuyên Quang (08)' };
    const [before, lastDay, after] = decideBatch(
      [u('a:1', 5, {}, '2020-02-24'), u('a:2', 6, {}, '2020-02-25'), u('a:3', 7, {}, '2020-02-26')],
      targetOf,
      new Map(),
      today,
      ended,
    );
    expect([before.outcome, lastDay.outcome, after.outcome]).toEqual([
      O.APPLIED,
      O.APPLIED,
      O.REJECTED,
    ]);
    expect(after.reason).toBe(
      'Hà Giang (02) was merged into Tuyên Quang (08) after 2020-02-25; a report dated 2020-02-26 is for Tuyên Quang (08), from its node',
    );
    expect(after.milestoneId).toBe('m1');
  });

  it('defaults a DONE report’s completedOn to its report date, or today if the node’s clock runs ahead', () => {
    const [early, ahead] = decideBatch(
      [
        u('a:1', 5, { status: S.DONE, percentComplete: 100 }, '2020-02-20'),
        u('a:2', 6, { status: S.DONE, percentComplete: 100 }, '2020-03-09'),
      ],
      targetOf,
      new Map(),
      today,
    );
    expect(early.applied?.completedOn).toBe('2020-02-20');
    expect(ahead.applied?.completedOn).toBe('2020-03-01');
  });
});

describe(checkBatchOrder.name, () => {
  it('accepts strictly increasing seqs and refuses the first that is not', () => {
    expect(() => checkBatchOrder([1, 2, 5])).not.toThrow();
    expect(() => checkBatchOrder([])).not.toThrow();
    expect(() => checkBatchOrder([1, 3, 3])).toThrow(
      expect.objectContaining({ field: 'updates[2].seq' }),
    );
    expect(() => checkBatchOrder([2, 1])).toThrow(DomainError);
  });
});

describe(backoffDelay.name, () => {
  it.each([
    [1, 0, 500],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [4, 0.5, 6000],
    [7, 0, 30000],
    [8, 0.999, 59970],
    [50, 0, 30000],
  ])('failure %d with random %d waits %d ms', (failures, random, expected) => {
    expect(backoffDelay(failures, random)).toBe(expected);
  });
});
