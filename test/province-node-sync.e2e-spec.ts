import { sql } from './support/database';
import { errorCode, startTestCentral, TestCentral } from './support/central';
import {
  centralMilestone,
  LOCAL_MILESTONES,
  REPORT,
  startDemoCentralWithNode01,
  startTestProvince,
  stopInOrder,
  SYNC_NOW,
  SYNC_STATE,
  TestProvince,
} from './support/province';

/** A province node's sync under strain: the centre down, a newer plan, a refused report, rounds racing reports, a restart. */
describe('province node: sync', () => {
  // Replaced by the tests that restart the central or the node; whichever runs last is stopped.
  let central: TestCentral;
  let node: TestProvince;
  beforeEach(async () => ({ central, node } = await startDemoCentralWithNode01()));
  afterEach(() => stopInOrder(node, central));

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
      `SELECT count(*)::int AS n FROM milestone_update WHERE outcome = 'APPLIED' AND seq > 0`,
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
});
