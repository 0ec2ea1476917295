import { NO_MILESTONES, Progress, progressOf } from '@tracker/domain';
import { errorCode, roles, startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';
import { pusher, UpdateInput } from './support/updates';

/**
 * Boards, roll-ups and milestone lists as of a past day (domain.md "As of a date"),
 * over real HTTP. One FEDERATED program: a CENTRAL item C1 (due 02-20) and PROVINCE
 * items P1 (due 02-15, then 02-25 from v2) and P2 (due 04-30, depends on P1,
 * removed by v2). v1 is dated 2020-01-10, v2 2020-02-18; Hà Nội (01) reports P1
 * IN_PROGRESS 40% on 02-05 and DONE at 00:30 on 02-20 in Hà Nội (02-19 in UTC);
 * Hồ Chí Minh (79) BLOCKED 20% on 02-12. Today is 2020-03-01. Every figure below
 * is worked out by hand from domain.md's rules.
 */
describe('boards as of a past day', () => {
  let sut: TestCentral;
  const item = (key: string, scope: string, baselineDue: string, dependsOn: string[] = []) => ({
    key,
    title: `${key} work`,
    scope,
    baselineDue,
    dependsOn,
  });
  const publish = async (expectedVersion: number, items: unknown[], at: string) => {
    const r = await sut.gql(
      `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
      { i: { programCode: 'ASOF', expectedVersion, items } },
    );
    expect(r.errors).toBeUndefined();
    await sql(
      `UPDATE plan_version SET published_at = $1 FROM program p
       WHERE p.code = 'ASOF' AND plan_version.program_id = p.id AND plan_version.version = $2`,
      [at, expectedVersion + 1],
    );
  };
  const report = (unitCode: string, seq: number, over: Partial<UpdateInput>): UpdateInput => ({
    idempotencyKey: `asof-${unitCode}-${seq}`,
    seq,
    programCode: 'ASOF',
    key: 'P1',
    unitCode,
    status: 'IN_PROGRESS',
    percentComplete: 40,
    reportedAt: '2020-02-05T10:00:00+07:00',
    ...over,
  });

  beforeAll(async () => {
    sut = await startTestCentral({ clockNow: '2020-03-01T03:00:00Z' });
    const created = await sut.gql(
      `mutation { createProgram(input: { code: "ASOF", name: "As of", ownerCode: "BTNMT", model: FEDERATED }) { code } }`,
    );
    expect(created.errors).toBeUndefined();
    const c1 = item('C1', 'CENTRAL', '2020-02-20');
    await publish(
      0,
      [
        c1,
        item('P1', 'PROVINCE', '2020-02-15', ['C1']),
        item('P2', 'PROVINCE', '2020-04-30', ['P1']),
      ],
      '2020-01-10T09:00:00+07:00',
    );
    await publish(
      1,
      [c1, item('P1', 'PROVINCE', '2020-02-25', ['C1'])],
      '2020-02-18T09:00:00+07:00',
    );
    const push = pusher(sut);
    const hanoi = await push([
      report('01', 1, {}),
      report('01', 2, {
        status: 'DONE',
        percentComplete: 100,
        completedOn: '2020-02-20',
        reportedAt: '2020-02-20T00:30:00+07:00',
      }),
    ]);
    expect(hanoi.errors).toBeUndefined();
    const hcm = await push(
      [
        report('79', 1, {
          status: 'BLOCKED',
          percentComplete: 20,
          blocker: 'Thiếu kinh phí',
          reportedAt: '2020-02-12T09:00:00+07:00',
        }),
      ],
      sut.token(roles.provinceNode('79')),
    );
    expect(hcm.errors).toBeUndefined();
    await sut.escalationsSettled();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  const PROGRESS = 'percentComplete total done late blocked atRisk onTrack onTimeRate';
  async function board(asOf: string | null) {
    const r = await sut.gql(
      `query($d: Date) { program(code: "ASOF") {
        progress(asOf: $d) { ${PROGRESS} }
        provinceBoard(asOf: $d) { unit { code } health progress { total }
          milestones { key status percentComplete health daysLate blocker } }
      } }`,
      { d: asOf },
    );
    expect(r.errors).toBeUndefined();
    const program = r.data!.program;
    const row = (code: string) =>
      program.provinceBoard.find((x: { unit: { code: string } }) => x.unit.code === code);
    return { progress: program.progress, rows: program.provinceBoard, row };
  }

  /** An expected Progress: nothing counted but what is given. */
  const progress = (over: Partial<Progress>) => ({ ...progressOf(NO_MILESTONES), ...over });

  it('before any plan was published: every province, nothing to count', async () => {
    const b = await board('2020-01-05');
    expect(b.progress).toEqual(progress({}));
    expect(b.rows).toHaveLength(63);
    expect(b.row('01').milestones).toEqual([]);
  });

  it('under v1, before and after the baseline of P1', async () => {
    const early = await board('2020-02-10');
    // C1 + 63 × P1 + 63 × P2, Hà Nội's 40% only
    expect(early.progress).toEqual(progress({ percentComplete: 0.31, total: 127, onTrack: 127 }));
    expect(early.row('79').milestones[0]).toMatchObject({
      status: 'NOT_STARTED',
      health: 'ON_TRACK',
    });

    const late = await board('2020-02-17');
    // P1 past its v1 baseline: 62 LATE, 79 BLOCKED; every P2 waits on a troubled P1
    expect(late.progress).toEqual(
      progress({
        percentComplete: 0.47,
        total: 127,
        late: 62,
        blocked: 1,
        atRisk: 63,
        onTrack: 1,
        onTimeRate: 0,
      }),
    );
    expect(late.row('01').milestones).toEqual([
      {
        key: 'P1',
        status: 'IN_PROGRESS',
        percentComplete: 40,
        health: 'LATE',
        daysLate: 2,
        blocker: null,
      },
      {
        key: 'P2',
        status: 'NOT_STARTED',
        percentComplete: 0,
        health: 'AT_RISK',
        daysLate: 0,
        blocker: null,
      },
    ]);
    expect(late.row('79').milestones[0]).toMatchObject({
      status: 'BLOCKED',
      blocker: 'Thiếu kinh phí',
    });
  });

  it('under v2: the moved baseline and the removed item, and the report of a Hà Nội day', async () => {
    const b = await board('2020-02-19');
    // P2 CANCELLED counts nowhere; P1 due 02-25 now; Hà Nội's DONE is dated 02-20 in Hà Nội
    expect(b.progress).toEqual(
      progress({ percentComplete: 0.94, total: 64, blocked: 1, onTrack: 63 }),
    );
    expect(b.row('01').milestones).toEqual([
      {
        key: 'P1',
        status: 'IN_PROGRESS',
        percentComplete: 40,
        health: 'ON_TRACK',
        daysLate: 0,
        blocker: null,
      },
      {
        key: 'P2',
        status: 'CANCELLED',
        percentComplete: 0,
        health: 'ON_TRACK',
        daysLate: 0,
        blocker: null,
      },
    ]);

    const done = await board('2020-02-20');
    expect(done.progress).toEqual(
      progress({ percentComplete: 1.88, total: 64, done: 1, blocked: 1, onTrack: 62 }),
    );
    expect(done.row('01')).toMatchObject({ health: 'DONE', progress: { total: 1 } });

    // C1 past due: LATE, and every open P1 waits on it
    const next = await board('2020-02-21');
    expect(next.progress).toEqual(
      progress({
        percentComplete: 1.88,
        total: 64,
        done: 1,
        late: 1,
        blocked: 1,
        atRisk: 61,
        onTimeRate: 0,
      }),
    );
  });

  it('without asOf, and asOf today, the tables as they are', async () => {
    const expected = progress({
      percentComplete: 1.88,
      total: 64,
      done: 1,
      late: 62,
      blocked: 1,
      onTimeRate: 0.0156,
    });
    expect((await board(null)).progress).toEqual(expected);
    expect((await board('2020-03-01')).progress).toEqual(expected);
  });

  it('the national dashboard as of a day: its date, programs and worst provinces', async () => {
    const r = await sut.gql(`{ nationalDashboard(asOf: "2020-02-17") {
      asOf programs { program { code } health progress { total late } }
      laggingProvinces(first: 2) { unit { code } health progress { late blocked } milestones { key status } } } }`);
    expect(r.errors).toBeUndefined();
    const d = r.data!.nationalDashboard;
    expect(d.asOf).toBe('2020-02-17');
    expect(d.programs).toEqual([
      { program: { code: 'ASOF' }, health: 'LATE', progress: { total: 127, late: 62 } },
    ]);
    expect(d.laggingProvinces[0]).toEqual({
      unit: { code: '79' },
      health: 'BLOCKED',
      progress: { late: 0, blocked: 1 },
      milestones: [
        { key: 'P1', status: 'BLOCKED' },
        { key: 'P2', status: 'NOT_STARTED' },
      ],
    });
  });

  it('milestones(filter: {asOf}) filters and pages the state of that day', async () => {
    const page = async (filter: Record<string, unknown>, after?: string) => {
      const r = await sut.gql(
        `query($f: MilestoneFilter, $a: String) { milestones(filter: $f, first: 40, after: $a) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { key status health unit { code } } } } }`,
        { f: { programCode: 'ASOF', ...filter }, a: after },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.milestones;
    };
    expect((await page({ asOf: '2020-02-10', health: ['BLOCKED'] })).totalCount).toBe(0);
    const blocked = await page({ asOf: '2020-02-17', health: ['BLOCKED'] });
    expect(blocked.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { key: 'P1', status: 'BLOCKED', health: 'BLOCKED', unit: { code: '79' } },
    ]);
    // 63 cancelled P2 as of v2, paged 40 at a time without loss
    const first = await page({ asOf: '2020-02-19', status: ['CANCELLED'] });
    expect(first.totalCount).toBe(63);
    const second = await page(
      { asOf: '2020-02-19', status: ['CANCELLED'] },
      first.pageInfo.endCursor,
    );
    const units = [...first.edges, ...second.edges].map(
      (e: { node: { unit: { code: string } } }) => e.node.unit.code,
    );
    expect(new Set(units).size).toBe(63);
    expect((await page({ asOf: '2020-02-17', status: ['CANCELLED'] })).totalCount).toBe(0);
  });

  it('a day after today is BAD_USER_INPUT, wherever asOf is asked', async () => {
    for (const query of [
      `{ nationalDashboard(asOf: "2020-03-02") { asOf } }`,
      `{ program(code: "ASOF") { progress(asOf: "2020-03-02") { total } } }`,
      `{ program(code: "ASOF") { provinceBoard(asOf: "2020-03-02") { health } } }`,
      `{ milestones(filter: { asOf: "2020-03-02" }) { totalCount } }`,
    ]) {
      const r = await sut.gql(query);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toContain('after today');
    }
  });
});
