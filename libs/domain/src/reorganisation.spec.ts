import { DomainError } from './errors';
import {
  canonicalMergerMap,
  CarriedState,
  deriveFromPredecessors,
  MergerMap,
  planReorganisation,
  UnitOnDay,
} from './reorganisation';
import { MilestoneStatus as S, UnitKind } from './vocabulary';

const P = UnitKind.PROVINCE;
const A = UnitKind.CENTRAL_AGENCY;
const province = (code: string, name: string): UnitOnDay => ({ code, name, kind: P });

/** A corner of the 2019 map: enough to merge as 2025 did. */
const UNITS_2025_06_30: UnitOnDay[] = [
  province('01', 'Hà Nội'),
  province('02', 'Hà Giang'),
  province('08', 'Tuyên Quang'),
  province('10', 'Lào Cai'),
  province('15', 'Yên Bái'),
  province('17', 'Hòa Bình'),
  province('25', 'Phú Thọ'),
  province('26', 'Vĩnh Phúc'),
  { code: 'BTNMT', name: 'Bộ Tài nguyên và Môi trường', kind: A },
];

const merger = (code: string, name: string, predecessorCodes: string[], kind = P) => ({
  successor: { code, name, kind },
  predecessorCodes,
});

function refusal(map: MergerMap): { field?: string; message: string } | undefined {
  try {
    planReorganisation(map, UNITS_2025_06_30);
  } catch (e) {
    if (e instanceof DomainError) return { field: e.field, message: e.message };
    throw e;
  }
  return undefined;
}

describe(planReorganisation.name, () => {
  it('merges as the 2025 map did: new units (a code may be a predecessor’s), the rest continuing', () => {
    const plan = planReorganisation(
      {
        effectiveOn: '2025-07-01',
        mergers: [
          merger('01', 'Hà Nội', ['01']),
          merger('08', 'Tuyên Quang', ['08', '02']),
          merger('15', 'Lào Cai', ['10', '15']),
          merger('25', 'Phú Thọ', ['25', '26', '17']),
        ],
      },
      UNITS_2025_06_30,
    );
    expect(plan.lastDayBefore).toBe('2025-06-30');
    expect(plan.continuing).toEqual(['01']);
    expect(plan.newUnits.map((n) => [n.unit.code, n.unit.name, n.predecessorCodes])).toEqual([
      ['08', 'Tuyên Quang', ['08', '02']],
      ['15', 'Lào Cai', ['10', '15']],
      ['25', 'Phú Thọ', ['25', '26', '17']],
    ]);
    expect(plan.ended).toEqual([
      { code: '08', successorCode: '08' },
      { code: '02', successorCode: '08' },
      { code: '10', successorCode: '15' },
      { code: '15', successorCode: '15' },
      { code: '25', successorCode: '25' },
      { code: '26', successorCode: '25' },
      { code: '17', successorCode: '25' },
    ]);
  });

  it('makes a renamed sole successor a new unit, as domain.md says', () => {
    const plan = planReorganisation(
      {
        effectiveOn: '2025-03-01',
        mergers: [merger('BNNMT', 'Bộ Nông nghiệp và Môi trường', ['BTNMT'], A)],
      },
      UNITS_2025_06_30,
    );
    expect(plan.newUnits.map((n) => n.unit.code)).toEqual(['BNNMT']);
    expect(plan.ended).toEqual([{ code: 'BTNMT', successorCode: 'BNNMT' }]);
    expect(plan.lastDayBefore).toBe('2025-02-28');
  });

  it.each<[string, MergerMap, string, RegExp]>([
    [
      'a unit merged twice on one day',
      {
        effectiveOn: '2025-07-01',
        mergers: [merger('08', 'Tuyên Quang', ['08', '02']), merger('15', 'Lào Cai', ['10', '02'])],
      },
      'mergers[1].predecessorCodes',
      /02 \(Hà Giang\) is merged twice on 2025-07-01: also in mergers\[0\]/,
    ],
    [
      'a unit listed twice in one merger',
      { effectiveOn: '2025-07-01', mergers: [merger('08', 'Tuyên Quang', ['08', '08'])] },
      'mergers[0].predecessorCodes',
      /merged twice/,
    ],
    [
      'a code given to two new units on one day',
      {
        effectiveOn: '2025-07-01',
        mergers: [merger('08', 'Tuyên Quang', ['08', '02']), merger('08', 'Lào Cai', ['10', '15'])],
      },
      'mergers[1].successor.code',
      /08 would name two units from 2025-07-01/,
    ],
    [
      'a code still borne by a unit that is not merged',
      { effectiveOn: '2025-07-01', mergers: [merger('25', 'Vĩnh Phú', ['26', '17'])] },
      'mergers[0].successor.code',
      /25 is Phú Thọ's code, and Phú Thọ is not merged/,
    ],
    [
      'a predecessor that does not exist the day before',
      { effectiveOn: '2025-07-01', mergers: [merger('08', 'Tuyên Quang', ['08', '99'])] },
      'mergers[0].predecessorCodes',
      /no unit 99 exists on 2025-06-30/,
    ],
    [
      'a province merged into an agency',
      { effectiveOn: '2025-07-01', mergers: [merger('BX', 'Bộ X', ['BTNMT', '02'], A)] },
      'mergers[0].predecessorCodes',
      /02 \(Hà Giang\) is a PROVINCE; it cannot merge into a CENTRAL_AGENCY/,
    ],
    [
      'a merger of nothing',
      { effectiveOn: '2025-07-01', mergers: [merger('08', 'Tuyên Quang', [])] },
      'mergers[0].predecessorCodes',
      /at least one unit/,
    ],
    ['an empty map', { effectiveOn: '2025-07-01', mergers: [] }, 'mergers', /at least one unit/],
    [
      'an impossible date',
      { effectiveOn: '2025-02-30', mergers: [merger('08', 'Tuyên Quang', ['08', '02'])] },
      'effectiveOn',
      /YYYY-MM-DD/,
    ],
    [
      'a malformed code',
      { effectiveOn: '2025-07-01', mergers: [merger('tq 08', 'Tuyên Quang', ['08', '02'])] },
      'mergers[0].successor.code',
      /upper-case/,
    ],
    [
      'a blank name',
      { effectiveOn: '2025-07-01', mergers: [merger('08', '  ', ['08', '02'])] },
      'mergers[0].successor.name',
      /name/,
    ],
  ])('refuses %s, naming the field', (_name, map, field, message) => {
    const r = refusal(map);
    expect(r?.field).toBe(field);
    expect(r?.message).toMatch(message);
  });
});

describe(deriveFromPredecessors.name, () => {
  const carried = (
    unitName: string,
    status: S,
    percentComplete: number,
    over: Partial<CarriedState<string>> = {},
  ): CarriedState<string> => ({
    unitName,
    status,
    percentComplete,
    forecastDue: null,
    completedOn: null,
    blocker: null,
    lastReportedAt: null,
    ...over,
  });

  it.each<[string, CarriedState<string>[], S, number]>([
    ['all DONE: DONE', [carried('A', S.DONE, 100), carried('B', S.DONE, 100)], S.DONE, 100],
    [
      'any BLOCKED, the rest anything but all DONE: BLOCKED',
      [carried('A', S.DONE, 100), carried('B', S.BLOCKED, 30, { blocker: 'x' })],
      S.BLOCKED,
      65,
    ],
    [
      'all NOT_STARTED: NOT_STARTED',
      [carried('A', S.NOT_STARTED, 0), carried('B', S.NOT_STARTED, 0)],
      S.NOT_STARTED,
      0,
    ],
    [
      'some started: IN_PROGRESS, mean rounded down',
      [carried('A', S.NOT_STARTED, 0), carried('B', S.IN_PROGRESS, 49), carried('C', S.DONE, 100)],
      S.IN_PROGRESS,
      49,
    ],
    [
      'a cancelled predecessor does not count',
      [carried('A', S.DONE, 100), carried('B', S.CANCELLED, 0)],
      S.DONE,
      100,
    ],
    ['only cancelled ones: not started', [carried('A', S.CANCELLED, 10)], S.NOT_STARTED, 0],
  ])('%s', (_name, predecessors, status, percent) => {
    const derived = deriveFromPredecessors(predecessors);
    expect([derived.status, derived.percentComplete]).toEqual([status, percent]);
  });

  it('takes the latest forecast and report, and their blockers under each unit’s name', () => {
    const derived = deriveFromPredecessors([
      carried('Hà Giang', S.BLOCKED, 20, {
        blocker: 'Chưa có kinh phí',
        forecastDue: '2025-12-31',
        lastReportedAt: '2025-06-20T02:00:00.000Z',
      }),
      carried('Tuyên Quang', S.IN_PROGRESS, 60, {
        forecastDue: '2025-10-31',
        lastReportedAt: '2025-06-28T02:00:00.000Z',
      }),
      carried('Yên Bái', S.BLOCKED, 10, { blocker: 'Thiếu nhân lực' }),
    ]);
    expect(derived).toEqual({
      status: S.BLOCKED,
      percentComplete: 30,
      forecastDue: '2025-12-31',
      completedOn: null,
      blocker: 'Hà Giang: Chưa có kinh phí; Yên Bái: Thiếu nhân lực',
      lastReportedAt: '2025-06-28T02:00:00.000Z',
    });
  });

  it('is completed on the day the last predecessor finished, and only when all have', () => {
    const a = carried('A', S.DONE, 100, { completedOn: '2025-05-02' });
    const b = carried('B', S.DONE, 100, { completedOn: '2025-06-11' });
    expect(deriveFromPredecessors([a, b]).completedOn).toBe('2025-06-11');
    expect(deriveFromPredecessors([a, carried('B', S.IN_PROGRESS, 90)]).completedOn).toBeNull();
  });
});

describe(canonicalMergerMap.name, () => {
  const a = { code: 'A1', name: 'Alpha', kind: UnitKind.PROVINCE };
  const b = { code: 'B1', name: 'Beta', kind: UnitKind.PROVINCE };
  it('is the same for the same map in any order, and differs with the date or a predecessor', () => {
    const one = canonicalMergerMap({
      effectiveOn: '2025-07-01',
      mergers: [
        { successor: a, predecessorCodes: ['02', '01'] },
        { successor: { ...b, name: ' Beta ' }, predecessorCodes: ['03'] },
      ],
    });
    const reordered = canonicalMergerMap({
      effectiveOn: '2025-07-01',
      mergers: [
        { successor: b, predecessorCodes: ['03'] },
        { successor: a, predecessorCodes: ['01', '02'] },
      ],
    });
    expect(reordered).toBe(one);
    expect(
      canonicalMergerMap({
        effectiveOn: '2025-07-02',
        mergers: [
          { successor: a, predecessorCodes: ['01', '02'] },
          { successor: b, predecessorCodes: ['03'] },
        ],
      }),
    ).not.toBe(one);
    expect(
      canonicalMergerMap({
        effectiveOn: '2025-07-01',
        mergers: [
          { successor: a, predecessorCodes: ['01'] },
          { successor: b, predecessorCodes: ['03'] },
        ],
      }),
    ).not.toBe(one);
  });
});
