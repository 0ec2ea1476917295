import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  demoCentral,
  errorCode,
  GqlResult,
  roles,
  startTestCentral,
  TestCentral,
} from './support/central';
import { sql } from './support/database';
import { DEFINE, defineIndicator, indicatorValue, pushValues } from './support/indicators';
import { AFTER_2025, reorganise } from './support/reorganisation';
import { pusher, UpdateInput } from './support/updates';

const COMPLETENESS = `query($period: String!, $program: ID) {
  reportingCompleteness(period: $period, programCode: $program) {
    period deadline expected received onTime completeness timeliness
    provinces { unit { code validFrom } expected received onTime completeness timeliness }
  }
}`;

interface Row {
  unit: { code: string; validFrom: string | null };
  expected: number;
  received: number;
  onTime: number;
  completeness: number;
  timeliness: number;
}

async function completeness(
  sut: TestCentral,
  period: string,
  program?: string,
  token?: string,
): Promise<{ period: string; deadline: string; provinces: Row[] } & Omit<Row, 'unit'>> {
  const r = await sut.gql(COMPLETENESS, { period, program }, token);
  expect(r.errors).toBeUndefined();
  return r.data!.reportingCompleteness;
}

const row = (code: string, expected: number, received: number, onTime: number) =>
  expect.objectContaining({
    unit: expect.objectContaining({ code }),
    expected,
    received,
    onTime,
    completeness: received / expected,
    timeliness: onTime / expected,
  });

/** Creates a FEDERATED program and publishes its plan versions, each dated as given. */
async function program(
  sut: TestCentral,
  code: string,
  versions: { keys: string[]; at: string }[],
  extra = '',
): Promise<void> {
  const created = await sut.gql(
    `mutation { createProgram(input: { code: "${code}", name: "${code}", ownerCode: "BTNMT", model: FEDERATED${extra} }) { code } }`,
  );
  expect(created.errors).toBeUndefined();
  for (const [i, v] of versions.entries()) {
    const items = v.keys.map((key) => ({
      key,
      title: `${key} work`,
      scope: 'PROVINCE',
      baselineDue: '2020-12-31',
      dependsOn: [],
    }));
    const r = await sut.gql(
      `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
      { i: { programCode: code, expectedVersion: i, items } },
    );
    expect(r.errors).toBeUndefined();
    await sql(
      `UPDATE plan_version SET published_at = $1 FROM program p
       WHERE p.code = $2 AND plan_version.program_id = p.id AND plan_version.version = $3`,
      [v.at, code, i + 1],
    );
  }
}

/** A report on a PROVINCE milestone, IN_PROGRESS unless told otherwise. */
const report = (
  programCode: string,
  key: string,
  unitCode: string,
  seq: number,
  reportedAt: string,
  over: Partial<UpdateInput> = {},
): UpdateInput => ({
  idempotencyKey: `rc-${unitCode}-${seq}`,
  seq,
  programCode,
  key,
  unitCode,
  status: 'IN_PROGRESS',
  percentComplete: 50,
  reportedAt,
  ...over,
});

function pushed(r: GqlResult): string[] {
  expect(r.errors).toBeUndefined();
  const p = r.data!.pushMilestoneUpdates;
  return [...p.results, ...(p.indicatorResults ?? [])].map((x: { outcome: string }) => x.outcome);
}

/**
 * February 2020, worked out by hand. Two programs: RPT (deadline day 5) with
 * PROVINCE items P1, P2, P3, P2 removed by v2 on 01-25 (CANCELLED before the
 * month); DL10 (created with day 7, then set to 10) with Q1. Indicators: N1
 * (national, day 5) and R1 (RPT's). Every province owes P1, P3, Q1, N1, R1 = 5.
 * - 01 Hà Nội: P3 DONE on 01-20 (owes 4), sends P1, Q1, N1, R1 on 03-03: 4/4 on time.
 * - 02 Hà Giang: sends all 5 on 03-07: late for RPT and N1 (03-05); Q1 on time (03-10).
 * - 79 Hồ Chí Minh: P1 on 03-03; P3 reported in January only (not this month's).
 * - 04 Cao Bằng: R1 REJECTED (numerator above its denominator): nothing counted.
 * - the 59 others: silent.
 */
describe('reportingCompleteness: a crafted month', () => {
  let sut: TestCentral;
  let beforeLate: Awaited<ReturnType<typeof completeness>>;

  beforeAll(async () => {
    sut = await startTestCentral({ clockNow: '2020-03-03T03:00:00Z' });
    await program(sut, 'RPT', [
      { keys: ['P1', 'P2', 'P3'], at: '2020-01-10T09:00:00+07:00' },
      { keys: ['P1', 'P3'], at: '2020-01-25T09:00:00+07:00' },
    ]);
    await program(
      sut,
      'DL10',
      [{ keys: ['Q1'], at: '2020-01-10T09:00:00+07:00' }],
      ', reportingDeadlineDay: 7',
    );
    const set = await sut.gql(
      `mutation { setReportingDeadline(programCode: "DL10", day: 10) { code reportingDeadlineDay } }`,
    );
    expect(set.data!.setReportingDeadline).toEqual({ code: 'DL10', reportingDeadlineDay: 10 });
    await defineIndicator(sut, 'N1', 'COUNT', [{ value: 100, due: '2020-12-31' }]);
    const r1 = await sut.gql(DEFINE, {
      input: {
        code: 'R1',
        name: 'Tỷ lệ R1',
        kind: 'RATIO',
        measure: '%',
        ownerCode: 'BTNMT',
        programCode: 'RPT',
        targets: [],
      },
    });
    expect(r1.errors).toBeUndefined();

    const push = pusher(sut);
    const node = (unit: string) => sut.token(roles.provinceNode(unit));
    const feb = (day: number) => `2020-02-${String(day).padStart(2, '0')}T09:00:00+07:00`;
    expect(
      pushed(
        await pushValues(
          sut,
          '01',
          [
            indicatorValue('N1', '01', 4, '2020-02', 40),
            indicatorValue('R1', '01', 5, '2020-02', 3, 10),
          ],
          [
            report('RPT', 'P3', '01', 1, '2020-01-20T09:00:00+07:00', {
              status: 'DONE',
              percentComplete: 100,
              completedOn: '2020-01-20',
            }),
            report('RPT', 'P1', '01', 2, feb(10)),
            report('DL10', 'Q1', '01', 3, feb(12)),
          ],
        ),
      ),
    ).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
    expect(
      pushed(
        await push(
          [
            report('RPT', 'P3', '79', 1, '2020-01-15T09:00:00+07:00'),
            report('RPT', 'P1', '79', 2, feb(20)),
          ],
          node('79'),
        ),
      ),
    ).toEqual(['APPLIED', 'APPLIED']);
    expect(
      pushed(await pushValues(sut, '04', [indicatorValue('R1', '04', 1, '2020-02', 5, 3)])),
    ).toEqual(['REJECTED']);

    // Four days later (a second instance, its clock on 03-07): Hà Giang sends everything.
    await sut.stop();
    sut = await startTestCentral({ keepData: true, clockNow: '2020-03-07T03:00:00Z' });
    beforeLate = await completeness(sut, '2020-02');
    expect(
      pushed(
        await pushValues(
          sut,
          '02',
          [
            indicatorValue('N1', '02', 4, '2020-02', 7),
            indicatorValue('R1', '02', 5, '2020-02', 1, 10),
          ],
          [
            report('RPT', 'P1', '02', 1, feb(15)),
            report('RPT', 'P3', '02', 2, feb(16)),
            report('DL10', 'Q1', '02', 3, feb(17)),
          ],
        ),
      ),
    ).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('counts each province: on time, late, partly, rejected and silent; DONE and CANCELLED before the month not owed', async () => {
    const c = await completeness(sut, '2020-02');
    expect(c.provinces).toHaveLength(63);
    const of = (code: string) => c.provinces.find((p) => p.unit.code === code);
    expect(of('01')).toEqual(row('01', 4, 4, 4));
    expect(of('02')).toEqual(row('02', 5, 5, 1));
    expect(of('79')).toEqual(row('79', 5, 1, 1));
    expect(of('04')).toEqual(row('04', 5, 0, 0));
    expect(of('06')).toEqual(row('06', 5, 0, 0));
  });

  it('national figures are sums over provinces, not a mean of their rates', async () => {
    const c = await completeness(sut, '2020-02');
    // 4 + 62 × 5 owed; received 4 + 5 + 1; on time 4 + 1 + 1
    expect(c).toMatchObject({
      period: '2020-02',
      deadline: '2020-03-05',
      expected: 314,
      received: 10,
      onTime: 6,
      completeness: 10 / 314,
      timeliness: 6 / 314,
    });
    const meanOfRates = c.provinces.reduce((s, p) => s + p.completeness, 0) / 63;
    expect(meanOfRates).toBeCloseTo(2.2 / 63, 10);
    expect(c.completeness).not.toBeCloseTo(meanOfRates, 3);
  });

  it('worst first: silent provinces (in code order), then partly sent, then late, then on time', async () => {
    const { provinces } = await completeness(sut, '2020-02');
    expect(provinces.slice(0, 2).map((p) => p.unit.code)).toEqual(['04', '06']);
    expect(provinces.slice(-3).map((p) => p.unit.code)).toEqual(['79', '02', '01']);
    expect(provinces.slice(0, 60).every((p) => p.received === 0)).toBe(true);
  });

  it('programCode: only that program’s milestones and indicators, under its own deadline', async () => {
    // RPT: P1, P3 and R1 (Hà Nội: P1 and R1); its deadline, day 5, makes Hà Giang late.
    const rpt = await completeness(sut, '2020-02', 'RPT');
    expect(rpt).toMatchObject({ deadline: '2020-03-05', expected: 188, received: 6, onTime: 3 });
    expect(rpt.provinces.find((p) => p.unit.code === '02')).toEqual(row('02', 3, 3, 0));
    // DL10: Q1 only, due on day 10: Hà Giang's report received on 03-07 is on time.
    const dl10 = await completeness(sut, '2020-02', 'DL10');
    expect(dl10).toMatchObject({ deadline: '2020-03-10', expected: 63, received: 2, onTime: 2 });
    expect(dl10.provinces.slice(-2).map((p) => p.unit.code)).toEqual(['01', '02']);
  });

  it('a push retires the answer read before it (the response cache is invalidated)', async () => {
    expect(beforeLate).toMatchObject({ expected: 314, received: 5, onTime: 5 });
    expect(beforeLate.provinces.find((p) => p.unit.code === '02')).toEqual(row('02', 5, 0, 0));
  });

  it('every role reads it, a province node included', async () => {
    const c = await completeness(sut, '2020-02', undefined, sut.token(roles.provinceNode('04')));
    expect(c.received).toBe(10);
  });

  it('the current month is in progress; a later month, a malformed one or an unknown program is BAD_USER_INPUT naming the field', async () => {
    const march = await completeness(sut, '2020-03');
    // Hà Nội's P3 is still DONE: 4 + 62 × 5 owed, nothing sent yet
    expect(march).toMatchObject({ deadline: '2020-04-05', received: 0, expected: 314 });
    for (const [period, program, field] of [
      ['2020-04', undefined, 'period'],
      ['2020-13', undefined, 'period'],
      ['2020-2', undefined, 'period'],
      ['2020-02', 'NOPE', 'programCode'],
    ]) {
      const r = await sut.gql(COMPLETENESS, { period, program });
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
    }
  });

  it('setReportingDeadline: PMO only, 1-28, audited; a refusal changes nothing', async () => {
    const SET = `mutation($day: Int!) { setReportingDeadline(programCode: "RPT", day: $day) { reportingDeadlineDay } }`;
    const auditCount = async () =>
      (
        await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'program.reporting-deadline'`,
        )
      )[0].n;
    const before = await auditCount();
    const node = await sut.gql(SET, { day: 10 }, sut.token(roles.provinceNode('01')));
    expect(errorCode(node)).toBe('FORBIDDEN');
    for (const day of [0, 29]) {
      const r = await sut.gql(SET, { day });
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('day');
    }
    const unchanged = await sut.gql(`{ program(code: "RPT") { reportingDeadlineDay } }`);
    expect(unchanged.data!.program.reportingDeadlineDay).toBe(5);
    expect(await auditCount()).toBe(before);

    const [entry] = await sql<{ actor: string; role: string; subject: string; detail: unknown }>(
      `SELECT actor, role, subject, detail FROM audit_log WHERE action = 'program.reporting-deadline' ORDER BY id`,
    );
    expect(entry).toEqual({
      actor: 'pmo',
      role: 'PMO',
      subject: 'DL10',
      detail: { day: 10, before: 7 },
    });
    const badCreate = await sut.gql(
      `mutation { createProgram(input: { code: "BAD", name: "Bad", ownerCode: "BTNMT", model: FEDERATED, reportingDeadlineDay: 31 }) { code } }`,
    );
    expect(errorCode(badCreate)).toBe('BAD_USER_INPUT');
    expect(badCreate.errors![0].extensions!.field).toBe('reportingDeadlineDay');
    expect((await sut.gql(`{ program(code: "BAD") { code } }`)).data!.program).toBeNull();
  });

  it('moving a deadline re-judges the month at once (the cached answer is retired)', async () => {
    const SET = `mutation($day: Int!) { setReportingDeadline(programCode: "DL10", day: $day) { reportingDeadlineDay } }`;
    expect(await completeness(sut, '2020-02', 'DL10')).toMatchObject({ onTime: 2 });
    expect((await sut.gql(SET, { day: 5 })).errors).toBeUndefined();
    // Hà Giang's Q1, received on 03-07, is late under day 5
    expect(await completeness(sut, '2020-02', 'DL10')).toMatchObject({
      deadline: '2020-03-05',
      received: 2,
      onTime: 1,
    });
    expect((await sut.gql(SET, { day: 10 })).errors).toBeUndefined();
    expect(await completeness(sut, '2020-02', 'DL10')).toMatchObject({ onTime: 2 });
  });

  it('reads the state before the month from the kept day, and a report dated before the month, pushed later, re-judges what is owed', async () => {
    const keptOn = () =>
      sql<{ computed_at: Date }>(
        `SELECT computed_at FROM kept_day WHERE kind = 'MILESTONES' AND day = '2020-01-31'
           AND program_id = (SELECT id FROM program WHERE code = 'RPT')`,
      );
    const setRptDeadline = async (day: number) =>
      expect(
        (
          await sut.gql(
            `mutation { setReportingDeadline(programCode: "RPT", day: ${day}) { code } }`,
          )
        ).errors,
      ).toBeUndefined();
    const before = await completeness(sut, '2020-02', 'RPT');
    const [kept] = await keptOn();
    expect(kept).toBeDefined();
    // Lào Cai (10) owes P1, P3 and R1
    expect(before.provinces.find((p) => p.unit.code === '10')).toEqual(row('10', 3, 0, 0));
    // a deadline moved: the answer is computed again (deadline 03-06), the kept day is not
    await setRptDeadline(6);
    expect(await completeness(sut, '2020-02', 'RPT')).toMatchObject({
      deadline: '2020-03-06',
      expected: 188,
    });
    expect(await keptOn()).toEqual([kept]);
    await setRptDeadline(5);

    // Lào Cai's node reports P3 done in January, a month late: not owed in February
    expect(
      pushed(
        await pusher(sut)(
          [
            report('RPT', 'P3', '10', 1, '2020-01-28T09:00:00+07:00', {
              status: 'DONE',
              percentComplete: 100,
              completedOn: '2020-01-28',
            }),
          ],
          sut.token(roles.provinceNode('10')),
        ),
      ),
    ).toEqual(['APPLIED']);
    const after = await completeness(sut, '2020-02', 'RPT');
    expect(after).toMatchObject({ expected: 187, received: 6, onTime: 3 });
    expect(after.provinces.find((p) => p.unit.code === '10')).toEqual(row('10', 2, 0, 0));
    expect((await keptOn())[0].computed_at.getTime()).toBeGreaterThan(kept.computed_at.getTime());
  });
});

/**
 * July 2025, provinces merged on 07-15 (provinces-2025): Hà Giang (02) and the old
 * Tuyên Quang (08) into the new Tuyên Quang (08); Yên Bái (15) and Lào Cai (10)
 * into the new Lào Cai (15). One program, one PROVINCE item M1, published in June.
 */
describe('reportingCompleteness: an indicator its owner reports nationally', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ clockNow: '2020-03-03T03:00:00Z' });
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('adds nothing to what the provinces owe, nor its owner’s value to what they sent', async () => {
    await defineIndicator(sut, 'N1', 'COUNT', [{ value: 100, due: '2020-12-31' }]);
    const before = await completeness(sut, '2020-02');
    expect(before).toMatchObject({ expected: 63, received: 0 });
    expect(before.provinces.every((p) => p.expected === 1)).toBe(true);

    await defineIndicator(sut, 'NATIONAL', 'RATIO', [], { ownerCode: 'VPCP', reportedBy: 'OWNER' });
    const pushed = await sut.gql(
      `mutation($values: [IndicatorValueInput!]) {
        pushMilestoneUpdates(input: { updates: [], indicatorValues: $values }) { indicatorResults { outcome } }
      }`,
      { values: [indicatorValue('NATIONAL', 'VPCP', 1, '2020-02', 1, 4)] },
      sut.token(roles.agency('VPCP')),
    );
    expect(pushed.data!.pushMilestoneUpdates.indicatorResults).toEqual([{ outcome: 'APPLIED' }]);
    const after = await completeness(sut, '2020-02');
    expect(after).toMatchObject({ expected: 63, received: 0, onTime: 0 });
    expect(after.provinces).toHaveLength(63);
    expect(after.provinces.every((p) => p.expected === 1 && p.received === 0)).toBe(true);
  });
});

describe('reportingCompleteness across a mid-month merger', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ clockNow: AFTER_2025 });
    await program(sut, 'MERGE', [{ keys: ['M1'], at: '2025-06-01T09:00:00+07:00' }]);
    const push = pusher(sut);
    const node = (unit: string) => sut.token(roles.provinceNode(unit));
    const m1 = (unit: string, seq: number, reportedAt: string, over: Partial<UpdateInput> = {}) =>
      report('MERGE', 'M1', unit, seq, reportedAt, over);
    const done = { status: 'DONE', percentComplete: 100, completedOn: '2025-06-20' };
    // Hà Giang reports in July before the merger; both parts of Lào Cai were DONE in June.
    expect(pushed(await push([m1('02', 1, '2025-07-05T09:00:00+07:00')], node('02')))).toEqual([
      'APPLIED',
    ]);
    for (const unit of ['10', '15'])
      expect(
        pushed(await push([m1(unit, 1, '2025-06-20T09:00:00+07:00', done)], node(unit))),
      ).toEqual(['APPLIED']);
    const merged = await reorganise(sut, 'provinces-2025', '2025-07-15');
    expect(merged.errors).toBeUndefined();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('the successor owes the month and its predecessors’ reports count; ended units have no row', async () => {
    const c = await completeness(sut, '2025-07');
    expect(c.provinces).toHaveLength(34);
    const codes = c.provinces.map((p) => p.unit.code);
    expect(codes).not.toContain('02');
    expect(codes).not.toContain('10');
    const tuyenQuang = c.provinces.find((p) => p.unit.code === '08')!;
    expect(tuyenQuang).toEqual(row('08', 1, 1, 1));
    expect(tuyenQuang.unit.validFrom).toBe('2025-07-15');
    // Its predecessors were all DONE before the month: the new Lào Cai owes nothing for M1.
    expect(c.provinces.find((p) => p.unit.code === '15')).toEqual(
      expect.objectContaining({ expected: 0, received: 0, completeness: 1, timeliness: 1 }),
    );
    // 32 others owe M1 and sent nothing; Tuyên Quang sent it (received 08-01, due 08-05).
    expect(c).toMatchObject({ expected: 33, received: 1, onTime: 1 });
    expect(c.provinces.at(-1)!.unit.code).toBe('15');
  });

  it('the month before the merger: every one of the 63 provinces, each its own', async () => {
    const june = await completeness(sut, '2025-06');
    expect(june.provinces).toHaveLength(63);
    // M1 published on 06-01 is owed by all; Lào Cai and Yên Bái reported it in June.
    // received on 08-01, after June's deadline (07-05): late
    expect(june).toMatchObject({ deadline: '2025-07-05', expected: 63, received: 2, onTime: 0 });
  });
});

/** The README's first reporting query, as printed there, on the demo (today 2020-03-01). */
describe('reportingCompleteness on the demo, as the README asks it', () => {
  const sut = demoCentral('per-file');

  it('answers February 2020 for the 63 provinces; the totals are the rows’ sums', async () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const query = /^\{ reportingCompleteness\(.*\n.*\n/m.exec(readme)![0];
    const r = await sut.gql(query);
    expect(r.errors).toBeUndefined();
    const c = r.data!.reportingCompleteness;
    expect(c.deadline).toBe('2020-03-05');
    expect(c.provinces).toHaveLength(63);
    const sum = (f: 'expected' | 'received' | 'onTime') =>
      c.provinces.reduce((s: number, p: Row) => s + p[f], 0);
    expect([c.expected, c.received, c.onTime]).toEqual([
      sum('expected'),
      sum('received'),
      sum('onTime'),
    ]);
    expect(c.received).toBeGreaterThan(0);
    expect(c.received).toBeLessThan(c.expected);
    const rates = c.provinces.map((p: Row) => p.completeness);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
  });
});
