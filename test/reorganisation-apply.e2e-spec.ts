import { startTestCentral, TestCentral, errorCode } from './support/central';
import { sql } from './support/database';
import {
  AFTER_2025,
  fingerprint,
  mapInput,
  REORGANISE,
  reorganise,
} from './support/reorganisation';

const PROVINCES = `query($asOf: Date) { units(kind: PROVINCE, asOf: $asOf) { id code name } }`;
const UNIT = `query($code: String!, $asOf: Date) { unit(code: $code, asOf: $asOf) { id name validFrom validTo } }`;

describe('reorganiseUnits: the real 2025 maps on the demo', () => {
  let sut: TestCentral;
  beforeEach(async () => {
    sut = await startTestCentral({ demo: true, clockNow: AFTER_2025 });
  });
  afterEach(async () => {
    await sut.stop();
  });

  it('a dry run answers what applying does and changes nothing; applying maps 63 provinces onto 34 and keeps every report', async () => {
    const BOARDS = `query($asOf: Date) {
      nationalDashboard(asOf: $asOf) { programs { program { code } health progress { percentComplete total done late blocked } } }
      program(code: "LAND") { provinceBoard(asOf: $asOf) { unit { code name } health progress { percentComplete total } } } }`;
    const in2020 = (await sut.gql(BOARDS, { asOf: '2020-03-01' })).data!;
    expect(in2020.program.provinceBoard).toHaveLength(63);
    const before = await fingerprint();
    const [{ n: history }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM milestone_update`,
    );
    const dry = await reorganise(sut, 'provinces-2025', '2025-07-01', true);
    expect(dry.errors).toBeUndefined();
    const tried = dry.data!.reorganiseUnits;
    expect(tried).toMatchObject({
      dryRun: true,
      effectiveOn: '2025-07-01',
      programsTransferred: 0,
    });
    expect(tried.endedUnits).toHaveLength(53);
    expect(tried.newUnits).toHaveLength(24);
    expect(tried.milestonesCarried).toBeGreaterThan(0);
    expect(await fingerprint()).toBe(before);

    const applied = (await reorganise(sut, 'provinces-2025', '2025-07-01')).data!.reorganiseUnits;
    expect(applied).toMatchObject({
      dryRun: false,
      milestonesCarried: tried.milestonesCarried,
      programsTransferred: 0,
    });
    expect(applied.newUnits.map((u: { code: string }) => u.code)).toEqual(
      tried.newUnits.map((u: { code: string }) => u.code),
    );
    expect(applied.endedUnits.every((u: { validTo: string }) => u.validTo === '2025-06-30')).toBe(
      true,
    );
    expect(await fingerprint()).not.toBe(before);

    // the boards of 2020 read exactly as before; from 1 July 2025, 1+34
    expect((await sut.gql(BOARDS, { asOf: '2020-03-01' })).data).toEqual(in2020);
    const merged = (await sut.gql(BOARDS, { asOf: '2025-07-01' })).data!;
    expect(merged.program.provinceBoard).toHaveLength(34);
    expect(
      merged.program.provinceBoard.map((r: { unit: { code: string } }) => r.unit.code),
    ).toContain('46');
    const today = (await sut.gql(PROVINCES)).data!.units;
    const then = (await sut.gql(PROVINCES, { asOf: '2025-06-30' })).data!.units;
    expect([today.length, then.length]).toEqual([34, 63]);
    // code 15: Yên Bái until 30 June 2025, Lào Cai from 1 July; Hà Nội simply continues
    expect((await sut.gql(UNIT, { code: '15', asOf: '2025-06-30' })).data!.unit.name).toBe(
      'Yên Bái',
    );
    expect((await sut.gql(UNIT, { code: '15' })).data!.unit).toMatchObject({
      name: 'Lào Cai',
      validFrom: '2025-07-01',
    });
    // a former name finds the unit that carries it on
    const found = await sut.gql(
      `{ units(search: "ha giang") { code name formerNames predecessors { code } } }`,
    );
    expect(found.data!.units).toEqual([
      {
        code: '08',
        name: 'Tuyên Quang',
        formerNames: ['Hà Giang'],
        predecessors: [{ code: '02' }, { code: '08' }],
      },
    ]);
    const hanoi = then.find((u: { code: string }) => u.code === '01');
    expect(today.find((u: { code: string }) => u.code === '01')).toEqual(hanoi);

    // every carried milestone points back at its predecessors; no report moved or was copied
    const [carried] = await sql<{ successors: number; history: number; orphans: number }>(
      `SELECT (SELECT count(DISTINCT successor_id)::int FROM milestone) AS successors,
              (SELECT count(*)::int FROM milestone_update) AS history,
              (SELECT count(*)::int FROM milestone m JOIN unit u ON u.id = m.unit_id
                WHERE u.valid_from = '2025-07-01' AND NOT EXISTS (SELECT 1 FROM milestone p WHERE p.successor_id = m.id)) AS orphans`,
    );
    expect(carried).toEqual({ successors: applied.milestonesCarried, history, orphans: 0 });

    const listed = (await sut.gql(`{ reorganisations { id dryRun effectiveOn } }`)).data!
      .reorganisations;
    expect(listed.map((r: { dryRun: boolean }) => r.dryRun)).toEqual([false, true]);
    const audit = await sql<{ subject: string }>(
      `SELECT subject FROM audit_log WHERE action = 'units.reorganise'`,
    );
    expect(audit).toEqual([{ subject: '2025-07-01' }]);
  });

  it('the same map twice is refused with a clear error and changes nothing', async () => {
    await reorganise(sut, 'provinces-2025', '2025-07-01');
    const before = await fingerprint();
    for (const dryRun of [false, true]) {
      const again = await reorganise(sut, 'provinces-2025', '2025-07-01', dryRun);
      expect(errorCode(again)).toBe('BAD_USER_INPUT');
      expect(again.errors![0].message).toMatch(/already applied on 2025-07-01/);
    }
    expect(await fingerprint()).toBe(before);
  });

  it.each([
    [
      'a unit merged twice on one day',
      [
        {
          successor: { code: 'X1', name: 'Một', kind: 'PROVINCE' },
          predecessorCodes: ['02', '04'],
        },
        {
          successor: { code: 'X2', name: 'Hai', kind: 'PROVINCE' },
          predecessorCodes: ['06', '02'],
        },
      ],
      'mergers[1].predecessorCodes',
    ],
    [
      'a code reused by two units on one day',
      [
        {
          successor: { code: '01', name: 'Thủ đô mới', kind: 'PROVINCE' },
          predecessorCodes: ['02', '04'],
        },
      ],
      'mergers[0].successor.code',
    ],
    [
      'a predecessor that does not exist on the day before',
      [
        {
          successor: { code: 'X1', name: 'Một', kind: 'PROVINCE' },
          predecessorCodes: ['02', '99'],
        },
      ],
      'mergers[0].predecessorCodes',
    ],
  ])('refuses %s, naming the field, and changes nothing', async (_name, mergers, field) => {
    const before = await fingerprint();
    const refused = await sut.gql(REORGANISE, {
      input: { effectiveOn: '2025-07-01', mergers, dryRun: false },
    });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions?.field).toBe(field);
    expect(await fingerprint()).toBe(before);
  });

  it('only the PMO reorganises', async () => {
    const observer = sut.token({ role: 'OBSERVER' as never });
    const refused = await sut.gql(
      REORGANISE,
      { input: mapInput('agencies-2025', '2025-03-01') },
      observer,
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM reorganisation`);
    expect(n).toBe(0);
  });

  it('two central instances applying the same map at once leave one reorganisation', async () => {
    const second = await startTestCentral({ demo: true, clockNow: AFTER_2025, keepData: true });
    try {
      const answers = await Promise.all([
        reorganise(sut, 'provinces-2025', '2025-07-01'),
        reorganise(second, 'provinces-2025', '2025-07-01'),
      ]);
      expect(answers.map((a) => errorCode(a) ?? 'applied').sort()).toEqual([
        'BAD_USER_INPUT',
        'applied',
      ]);
      const [counts] = await sql<{ applied: number; provinces: number; begun: number }>(
        `SELECT (SELECT count(*)::int FROM reorganisation WHERE NOT dry_run) AS applied,
                (SELECT count(*)::int FROM unit WHERE kind = 'PROVINCE' AND valid_to IS NULL) AS provinces,
                (SELECT count(*)::int FROM unit WHERE valid_from = '2025-07-01') AS begun`,
      );
      expect(counts).toEqual({ applied: 1, provinces: 34, begun: 24 });
    } finally {
      await second.stop();
    }
  });
});
