import { sql } from './support/database';
import { errorCode, TestCentral } from './support/central';
import {
  centralMilestone,
  LOCAL_MILESTONES,
  REPORT,
  startDemoCentralWithNode01,
  stopInOrder,
  SYNC_NOW,
  SYNC_STATE,
  TestProvince,
} from './support/province';

/** A province node's everyday work: pulling its milestones, taking reports, delivering them, and who may call it. */
describe('province node: reporting', () => {
  let central: TestCentral;
  let node: TestProvince;
  beforeEach(async () => ({ central, node } = await startDemoCentralWithNode01()));
  afterEach(() => stopInOrder(node, central));

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
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM milestone_update WHERE seq > 0`,
    );
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
