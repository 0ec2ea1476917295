import { sql } from './support/database';
import { errorCode, startTestCentral, TestCentral } from './support/central';
import {
  LOCAL_MILESTONES,
  nodeDatabaseUrl,
  REPORT,
  startTestProvince,
  SYNC_NOW,
  SYNC_STATE,
  TestProvince,
} from './support/province';

async function centralMilestone(key: string, unit: string) {
  const [row] = await sql<{
    status: string;
    percent_complete: number;
    version: number;
    note: string | null;
  }>(
    `SELECT m.status, m.percent_complete, m.version, m.note FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
     JOIN unit u ON u.id = m.unit_id WHERE pi.key = $1 AND u.code = $2`,
    [key, unit],
  );
  return row;
}

describe('province node', () => {
  let central: TestCentral;
  let node: TestProvince;

  beforeEach(async () => {
    central = await startTestCentral({ demo: true });
    node = await startTestProvince({ code: '01', central, databaseUrl: await nodeDatabaseUrl(0) });
  });

  afterEach(async () => {
    await node.stop();
    await central.stop();
  });

  it('pulls its province’s milestones with the centre’s state and the plan versions', async () => {
    const state = await node.gql(SYNC_NOW);
    expect(state.errors).toBeUndefined();
    expect(state.data!.syncNow).toMatchObject({
      pending: 0,
      centralReachable: true,
      lastError: null,
      planVersions: [
        { programCode: 'CIVIL_STATUS', version: 1 },
        { programCode: 'LAND', version: 1 },
      ],
    });
    const r = await node.gql(LOCAL_MILESTONES, { p: 'LAND' });
    expect(r.data!.milestones.map((m: { key: string }) => m.key)).toEqual([
      'LAND-P-01',
      'LAND-P-02',
      'LAND-P-03',
      'LAND-P-04',
    ]);
    const p02 = r.data!.milestones[1];
    const c = await centralMilestone('LAND-P-02', '01');
    expect(p02).toMatchObject({
      title: 'Số hóa hồ sơ địa chính',
      baselineDue: '2020-06-30',
      status: c.status,
      percentComplete: c.percent_complete,
      pendingSync: false,
      lastOutcome: null,
    });
    expect((await node.gql(LOCAL_MILESTONES)).data!.milestones).toHaveLength(6);
  });

  it('records a report locally with its outbox row, then delivers it once', async () => {
    await node.gql(SYNC_NOW);
    const before = (await node.gql(SYNC_STATE)).data!.syncState;
    const r = await node.gql(REPORT, {
      input: {
        programCode: 'LAND',
        key: 'LAND-P-02',
        status: 'IN_PROGRESS',
        percentComplete: 72,
        note: 'Đã số hóa 72% hồ sơ',
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.reportProgress).toMatchObject({
      status: 'IN_PROGRESS',
      percentComplete: 72,
      pendingSync: true,
    });
    const after = await node.gql(SYNC_NOW);
    expect(after.data!.syncNow).toMatchObject({
      pending: 0,
      nextSeq: before.nextSeq + 1,
      highestAckedSeq: before.nextSeq,
      centralReachable: true,
    });
    expect(await centralMilestone('LAND-P-02', '01')).toEqual({
      status: 'IN_PROGRESS',
      percent_complete: 72,
      version: before.nextSeq,
      note: 'Đã số hóa 72% hồ sơ',
    });
    const local = (await node.gql(LOCAL_MILESTONES, { p: 'LAND' })).data!.milestones[1];
    expect(local).toMatchObject({
      percentComplete: 72,
      pendingSync: false,
      lastOutcome: 'APPLIED',
      lastOutcomeReason: null,
    });
    // a second round sends nothing again
    await node.gql(SYNC_NOW);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM milestone_update`);
    expect(n).toBe(1);
  });

  it('refuses an invalid report with the field and records nothing', async () => {
    await node.gql(SYNC_NOW);
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'DONE', percentComplete: 90 }, 'percentComplete'],
      [{ status: 'BLOCKED', percentComplete: 10 }, 'blocker'],
      [{ status: 'DONE', percentComplete: 100, completedOn: '2020-03-02' }, 'completedOn'],
      [
        { status: 'IN_PROGRESS', percentComplete: 10, forecastDue: '2019-02-30' },
        'input.forecastDue',
      ],
    ];
    for (const [input, field] of cases) {
      const r = await node.gql(REPORT, {
        input: { programCode: 'LAND', key: 'LAND-P-02', ...input },
      });
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field.replace('input.', ''));
    }
    const unknown = await node.gql(REPORT, {
      input: { programCode: 'LAND', key: 'LAND-P-99', status: 'IN_PROGRESS', percentComplete: 1 },
    });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect((await node.gql(SYNC_STATE)).data!.syncState.pending).toBe(0);
  });

  it('works offline: reports are accepted while the centre is down and land once it is back', async () => {
    await node.gql(SYNC_NOW);
    const port = new URL(central.url).port;
    await central.stop();
    for (const percent of [60, 65, 70]) {
      const r = await node.gql(REPORT, {
        input: {
          programCode: 'LAND',
          key: 'LAND-P-02',
          status: 'IN_PROGRESS',
          percentComplete: percent,
        },
      });
      expect(r.errors).toBeUndefined();
    }
    const offline = (await node.gql(SYNC_NOW)).data!.syncNow;
    expect(offline).toMatchObject({ pending: 3, centralReachable: false });
    expect(offline.lastError).toMatch(/unreachable/);

    central = await startTestCentral({ demo: true, keepData: true, port });
    const online = (await node.gql(SYNC_NOW)).data!.syncNow;
    expect(online).toMatchObject({ pending: 0, centralReachable: true, lastError: null });
    expect(await centralMilestone('LAND-P-02', '01')).toMatchObject({ percent_complete: 70 });
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM milestone_update WHERE outcome = 'APPLIED'`,
    );
    expect(n).toBe(3);
  });

  it('follows a newer plan: new items, moved dates, cancelled items', async () => {
    await node.gql(SYNC_NOW);
    const plan = (
      await central.gql(
        `{ program(code: "LAND") { plan { key title scope baselineDue weight dependsOn } } }`,
      )
    ).data!.program.plan;
    const items = plan
      .filter((i: { key: string }) => i.key !== 'LAND-P-04')
      .map((i: { key: string; baselineDue: string }) =>
        i.key === 'LAND-P-02' ? { ...i, baselineDue: '2020-08-31' } : i,
      );
    items.push({
      key: 'LAND-P-05',
      title: 'Đào tạo cán bộ vận hành',
      scope: 'PROVINCE',
      baselineDue: '2020-11-30',
      weight: 1,
      dependsOn: ['LAND-P-03'],
    });
    const pub = await central.gql(
      `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
      { i: { programCode: 'LAND', expectedVersion: 1, items } },
    );
    expect(pub.errors).toBeUndefined();

    const state = (await node.gql(SYNC_NOW)).data!.syncNow;
    expect(state.planVersions).toContainEqual({ programCode: 'LAND', version: 2 });
    const land = (await node.gql(LOCAL_MILESTONES, { p: 'LAND' })).data!.milestones;
    const byKey = Object.fromEntries(land.map((m: { key: string }) => [m.key, m]));
    expect(Object.keys(byKey).sort()).toEqual([
      'LAND-P-01',
      'LAND-P-02',
      'LAND-P-03',
      'LAND-P-04',
      'LAND-P-05',
    ]);
    expect(byKey['LAND-P-02'].baselineDue).toBe('2020-08-31');
    expect(byKey['LAND-P-04'].status).toBe('CANCELLED');
    expect(byKey['LAND-P-05']).toMatchObject({
      title: 'Đào tạo cán bộ vận hành',
      status: 'NOT_STARTED',
    });
    const cancelled = await node.gql(REPORT, {
      input: { programCode: 'LAND', key: 'LAND-P-04', status: 'IN_PROGRESS', percentComplete: 5 },
    });
    expect(errorCode(cancelled)).toBe('BAD_USER_INPUT');
  });

  it('shows what the centre refused and why', async () => {
    await node.gql(SYNC_NOW);
    // The centre drops the item; the node has not pulled since, and its officer
    // reports on it: the node cannot know yet, the centre refuses the report.
    const plan = (
      await central.gql(
        `{ program(code: "LAND") { plan { key title scope baselineDue weight dependsOn } } }`,
      )
    ).data!.program.plan;
    await central.gql(
      `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
      {
        i: {
          programCode: 'LAND',
          expectedVersion: 1,
          items: plan.filter((i: { key: string }) => i.key !== 'LAND-P-04'),
        },
      },
    );
    const r = await node.gql(REPORT, {
      input: { programCode: 'LAND', key: 'LAND-P-04', status: 'IN_PROGRESS', percentComplete: 5 },
    });
    expect(r.errors).toBeUndefined();
    expect((await node.gql(SYNC_NOW)).data!.syncNow.pending).toBe(0);
    const p04 = (await node.gql(LOCAL_MILESTONES, { p: 'LAND' })).data!.milestones.find(
      (m: { key: string }) => m.key === 'LAND-P-04',
    );
    expect(p04).toMatchObject({ status: 'CANCELLED', pendingSync: false, lastOutcome: 'REJECTED' });
    expect(p04.lastOutcomeReason).toMatch(/cancelled/);
  });

  it('records every report while sync rounds run (they wait for each other, never deadlock)', async () => {
    // A report locks the node's seq, then its milestone; a round mirrors milestones and
    // stores answers, then notes the seq: taken in opposite orders, one of them failed.
    await node.gql(SYNC_NOW); // the province's milestones are here
    const answers = [];
    for (let i = 1; i <= 12; i += 1) {
      answers.push(
        ...(await Promise.all([
          node.gql(REPORT, {
            input: {
              programCode: 'LAND',
              key: 'LAND-P-02',
              status: 'IN_PROGRESS',
              percentComplete: 60 + i,
            },
          }),
          node.gql(SYNC_NOW),
          node.gql(SYNC_NOW),
        ])),
      );
    }
    expect(answers.map((a) => a.errors?.[0]?.message ?? null)).toEqual(answers.map(() => null));
    expect((await node.gql(SYNC_NOW)).data!.syncNow.pending).toBe(0);
    expect(await centralMilestone('LAND-P-02', '01')).toMatchObject({ percent_complete: 72 });
  });

  it('keeps its seq growing across a restart', async () => {
    await node.gql(SYNC_NOW);
    await node.gql(REPORT, {
      input: { programCode: 'LAND', key: 'LAND-P-02', status: 'IN_PROGRESS', percentComplete: 61 },
    });
    const seqBefore = (await node.gql(SYNC_STATE)).data!.syncState.nextSeq;
    const { dataDir } = node;
    const databaseUrl = node.running.config.databaseUrl!;
    await node.stop();
    node = await startTestProvince({ code: '01', central, dataDir, databaseUrl });
    const state = (await node.gql(SYNC_STATE)).data!.syncState;
    expect(state).toMatchObject({ nextSeq: seqBefore, pending: 1 });
    const report = await node.gql(REPORT, {
      input: { programCode: 'LAND', key: 'LAND-P-02', status: 'IN_PROGRESS', percentComplete: 62 },
    });
    expect(report.errors).toBeUndefined();
    expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({
      pending: 0,
      highestAckedSeq: seqBefore,
    });
    expect(await centralMilestone('LAND-P-02', '01')).toMatchObject({
      percent_complete: 62,
      version: seqBefore,
    });
  });

  it('refuses callers without the node’s own staff token', async () => {
    const res = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${central.token({ role: 'PMO' as never })}`,
      },
      body: JSON.stringify({ query: '{ syncState { pending } }' }),
    });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const health = await fetch(`${node.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
