import { IndicatorKind as K, IndicatorReporters as R } from './indicator';
import { DomainError } from './errors';
import {
  decideIndicatorValues,
  IncomingIndicatorValue,
  KnownIndicator,
  PushingUnit,
  validateIndicatorValue,
} from './indicator-sync';
import { UnitKind, UpdateOutcome as O } from './vocabulary';

const today = '2020-03-10';
const known: Record<string, KnownIndicator> = {
  L4_SHARE: { id: 'i-ratio', kind: K.RATIO, reportedBy: R.PROVINCES, ownerCode: 'BTTTT' },
  RECORDS: { id: 'i-count', kind: K.COUNT, reportedBy: R.PROVINCES, ownerCode: 'BTP' },
  // the national share of dossiers processed online: the Government Office's figure alone
  ONLINE_DOSSIERS: { id: 'i-national', kind: K.RATIO, reportedBy: R.OWNER, ownerCode: 'VPCP' },
};
const indicatorOf = (code: string) => known[code];
// Hà Giang's L4_SHARE for 2020-01 already reflects seq 8.
const highestApplied = (id: string, unit: string, period: string) =>
  id === 'i-ratio' && unit === '02' && period === '2020-01' ? 8 : 0;

const value = (
  key: string,
  seq: number,
  over: Partial<IncomingIndicatorValue> = {},
): IncomingIndicatorValue => ({
  idempotencyKey: key,
  seq,
  indicatorCode: 'L4_SHARE',
  unitCode: '02',
  period: '2020-02',
  numerator: 3,
  denominator: 40,
  ...over,
});

const haGiang: PushingUnit = { code: '02', kind: UnitKind.PROVINCE };
const vpcp: PushingUnit = { code: 'VPCP', kind: UnitKind.CENTRAL_AGENCY };
const btttt: PushingUnit = { code: 'BTTTT', kind: UnitKind.CENTRAL_AGENCY };

const decide = (values: IncomingIndicatorValue[], prior = new Map(), from = haGiang) =>
  decideIndicatorValues(values, indicatorOf, highestApplied, prior, today, from);

describe(decideIndicatorValues.name, () => {
  it.each<[string, IncomingIndicatorValue, O, RegExp | null]>([
    ['a valid ratio is APPLIED', value('a', 9), O.APPLIED, null],
    ['the current month is allowed', value('a', 9, { period: '2020-03' }), O.APPLIED, null],
    [
      'a count without denominator is APPLIED',
      value('a', 9, { indicatorCode: 'RECORDS', denominator: null }),
      O.APPLIED,
      null,
    ],
    [
      'an unknown indicator is REJECTED',
      value('a', 9, { indicatorCode: 'NOPE' }),
      O.REJECTED,
      /unknown indicator NOPE/,
    ],
    [
      'a month after the central today is REJECTED',
      value('a', 9, { period: '2020-04' }),
      O.REJECTED,
      /future/,
    ],
    ['not a month is REJECTED', value('a', 9, { period: '2020-13' }), O.REJECTED, /not a month/],
    [
      'a ratio without denominator is REJECTED',
      value('a', 9, { denominator: null }),
      O.REJECTED,
      /denominator/,
    ],
    ['a zero denominator is REJECTED', value('a', 9, { denominator: 0 }), O.REJECTED, /above 0/],
    [
      'a negative denominator is REJECTED',
      value('a', 9, { denominator: -4 }),
      O.REJECTED,
      /above 0/,
    ],
    [
      'a numerator above the denominator is REJECTED',
      value('a', 9, { numerator: 41 }),
      O.REJECTED,
      /above the denominator/,
    ],
    [
      'a negative count is REJECTED',
      value('a', 9, { indicatorCode: 'RECORDS', numerator: -1, denominator: null }),
      O.REJECTED,
      /negative/,
    ],
    [
      'a count with a denominator is REJECTED',
      value('a', 9, { indicatorCode: 'RECORDS', denominator: 10 }),
      O.REJECTED,
      /denominator: a count has no denominator/,
    ],
    [
      'a seq not above the applied one is STALE',
      value('a', 8, { period: '2020-01' }),
      O.STALE,
      /not above 8/,
    ],
    [
      'another month of the same unit is not stale',
      value('a', 2, { period: '2019-12' }),
      O.APPLIED,
      null,
    ],
  ])('%s', (_, input, outcome, reason) => {
    const [d] = decide([input]);
    expect(d.outcome).toBe(outcome);
    // No reason is written as the empty string, so one matcher covers both.
    expect(d.reason ?? '').toMatch(reason ?? /^$/);
  });

  describe('who reports the indicator', () => {
    const national = (key: string, seq: number) =>
      value(key, seq, {
        indicatorCode: 'ONLINE_DOSSIERS',
        numerator: 1200,
        denominator: 4000,
      });

    it.each<[string, IncomingIndicatorValue, PushingUnit, O, string | null]>([
      ['a province reports a PROVINCES indicator', value('a', 9), haGiang, O.APPLIED, null],
      [
        'its owner reports an OWNER indicator',
        { ...national('a', 9), unitCode: 'VPCP' },
        vpcp,
        O.APPLIED,
        null,
      ],
      [
        'an agency, even its owner, may not report a PROVINCES indicator',
        { ...value('a', 9), unitCode: 'BTTTT' },
        btttt,
        O.REJECTED,
        'L4_SHARE is reported by the provinces',
      ],
      [
        'a province may not report an OWNER indicator',
        national('a', 9),
        haGiang,
        O.REJECTED,
        'ONLINE_DOSSIERS is reported nationally by its owner VPCP',
      ],
      [
        'another agency may not report an OWNER indicator',
        { ...national('a', 9), unitCode: 'BTTTT' },
        btttt,
        O.REJECTED,
        'ONLINE_DOSSIERS is reported nationally by its owner VPCP',
      ],
    ])('%s', (_, input, from, outcome, reason) => {
      const [d] = decide([input], new Map(), from);
      expect(d).toMatchObject({ outcome, reason, record: true });
      // a refused value names its indicator, as any recorded REJECTED value does
      expect(d.indicatorId).toBe(known[input.indicatorCode].id);
    });

    it("refuses per value: the batch's other values still apply", () => {
      const ds = decide([value('a', 9), national('b', 10), value('c', 11, { period: '2020-03' })]);
      expect(ds.map((d) => d.outcome)).toEqual([O.APPLIED, O.REJECTED, O.APPLIED]);
    });

    it('the owner corrects its national value as a province does its own: a higher seq applies', () => {
      const [first, second] = decide(
        [
          { ...national('a', 9), unitCode: 'VPCP' },
          { ...national('b', 10), unitCode: 'VPCP', numerator: 1300 },
        ],
        new Map(),
        vpcp,
      );
      expect([first.outcome, second.outcome]).toEqual([O.APPLIED, O.APPLIED]);
    });
  });

  it('within a batch, a later value for the same unit and month must have a higher seq', () => {
    const ds = decide([value('a', 10), value('b', 12), value('c', 11)]);
    expect(ds.map((d) => d.outcome)).toEqual([O.APPLIED, O.APPLIED, O.STALE]);
  });

  it('a merged unit reports up to the month of its last day; a later month is REJECTED naming the successor', () => {
    const ended = { unit: 'Hà Giang (02)', lastDay: '2020-01-31', successor: 'Tuyên Quang (08)' };
    const [january, february] = decideIndicatorValues(
      [value('a', 9, { period: '2020-01' }), value('b', 10, { period: '2020-02' })],
      indicatorOf,
      highestApplied,
      new Map(),
      today,
      { ...haGiang, ended },
    );
    expect(january.outcome).toBe(O.APPLIED);
    expect(february).toMatchObject({
      outcome: O.REJECTED,
      reason:
        'Hà Giang (02) was merged into Tuyên Quang (08) after 2020-01-31; 2020-02 is reported by Tuyên Quang (08), from its node',
      record: true,
    });
  });

  it('a key seen before is a DUPLICATE answering the first outcome, and writes nothing', () => {
    const prior = new Map([['a', { outcome: O.REJECTED, reason: 'unknown indicator X' }]]);
    const [again, twice, second] = decide([value('a', 9), value('b', 10), value('b', 10)], prior);
    expect(again).toMatchObject({
      outcome: O.DUPLICATE,
      firstOutcome: O.REJECTED,
      reason: 'unknown indicator X',
      record: false,
    });
    expect(twice).toMatchObject({ outcome: O.APPLIED, record: true });
    expect(second).toMatchObject({ outcome: O.DUPLICATE, firstOutcome: O.APPLIED, record: false });
  });
});

describe(validateIndicatorValue.name, () => {
  const check = (over: Partial<IncomingIndicatorValue>) => () =>
    validateIndicatorValue(value('a', 1, over), known[over.indicatorCode ?? 'L4_SHARE'], today);

  it('accepts what the centre would apply', () => {
    expect(check({})).not.toThrow();
    expect(check({ indicatorCode: 'RECORDS', numerator: 0, denominator: null })).not.toThrow();
  });

  it.each<[string, Partial<IncomingIndicatorValue>, string, RegExp]>([
    ['an unknown indicator', { indicatorCode: 'NOPE' }, 'indicatorCode', /unknown indicator NOPE/],
    ['a month in the future', { period: '2020-04' }, 'period', /in the future/],
    ['not a month', { period: '2020-3' }, 'period', /not a month/],
    ['a ratio without denominator', { denominator: null }, 'denominator', /above 0/],
    ['a zero denominator', { denominator: 0 }, 'denominator', /above 0/],
    ['a negative numerator', { numerator: -1 }, 'numerator', /negative/],
    ['a numerator above the denominator', { numerator: 41 }, 'numerator', /above the denominator/],
    [
      'a count with a denominator',
      { indicatorCode: 'RECORDS', denominator: 5 },
      'denominator',
      /no denominator/,
    ],
    [
      'a negative count',
      { indicatorCode: 'RECORDS', numerator: -3, denominator: null },
      'numerator',
      /negative/,
    ],
  ])('refuses %s as BAD_USER_INPUT on its field', (_, over, field, message) => {
    let thrown: unknown;
    try {
      check(over)();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
      message: expect.stringMatching(message),
    });
  });
});
