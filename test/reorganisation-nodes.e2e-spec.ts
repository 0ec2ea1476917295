import { startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';
import {
  LOCAL_MILESTONES,
  nodeDatabaseUrl,
  REPORT,
  startTestProvince,
  stopInOrder,
  SYNC_NOW,
  TestProvince,
} from './support/province';
import { reorganise } from './support/reorganisation';

const p02 = (node: TestProvince) =>
  node
    .gql(LOCAL_MILESTONES, { p: 'LAND' })
    .then((r) => r.data!.milestones.find((m: { key: string }) => m.key === 'LAND-P-02'));

/** The map applied ahead of its day, real nodes on both sides of it, the centre restarted across it. */
describe('reorganisation: province nodes across the day of the merger', () => {
  let central: TestCentral;
  const nodes: TestProvince[] = [];
  afterEach(async () => {
    await stopInOrder(...nodes.splice(0), central);
  });

  it('Hà Giang’s node reports before the day, is refused after it naming Tuyên Quang; Tuyên Quang’s node carries on', async () => {
    central = await startTestCentral({ demo: true, clockNow: '2025-06-20T03:00:00Z' });
    const port = new URL(central.url).port;
    const haGiang = await startTestProvince({
      code: '02',
      central,
      databaseUrl: await nodeDatabaseUrl(0),
    });
    nodes.push(haGiang);
    await haGiang.gql(SYNC_NOW);
    const report = (percentComplete: number) =>
      haGiang.gql(REPORT, {
        input: { programCode: 'LAND', key: 'LAND-P-02', status: 'IN_PROGRESS', percentComplete },
      });
    await report(70);
    await haGiang.gql(SYNC_NOW);
    expect(await p02(haGiang)).toMatchObject({ percentComplete: 70, lastOutcome: 'APPLIED' });

    // applied ahead of its day: on 20 June nothing has ended yet
    const ahead = (await reorganise(central, 'provinces-2025', '2025-07-01')).data!.reorganiseUnits;
    expect(ahead.escalationsResolved).toBe(0);
    const provinces = `{ units(kind: PROVINCE) { code } }`;
    expect((await central.gql(provinces)).data!.units).toHaveLength(63);
    const [{ live }] = await sql<{ live: number }>(
      `SELECT count(*)::int AS live FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id
       WHERE u.code = '02' AND u.valid_to IS NOT NULL AND e.state <> 'RESOLVED'`,
    );
    expect(live).toBeGreaterThan(0);

    // the day comes: the centre restarts on 5 July (same address), its start-up evaluation resolves them
    await central.stop();
    central = await startTestCentral({
      demo: true,
      clockNow: '2025-07-05T03:00:00Z',
      keepData: true,
      port,
    });
    expect((await central.gql(provinces)).data!.units).toHaveLength(34);
    const resolved = await sql<{ state: string; note: string }>(
      `SELECT DISTINCT e.state, e.note FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id
       WHERE u.code = '02' AND u.valid_to IS NOT NULL AND e.resolved_by = 'system' AND e.note LIKE 'merged%'`,
    );
    expect(resolved).toEqual([{ state: 'RESOLVED', note: 'merged into Tuyên Quang (08)' }]);

    await haGiang.gql(SYNC_NOW); // the node learns the centre's new day
    await report(80);
    await haGiang.gql(SYNC_NOW);
    // refused, and the office is told why; the centre kept Hà Giang's 70%
    expect(await p02(haGiang)).toMatchObject({
      lastOutcome: 'REJECTED',
      lastOutcomeReason: expect.stringContaining('merged into Tuyên Quang (08)'),
    });

    const [kept] = await sql<{ percent_complete: number }>(
      `SELECT m.percent_complete FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       JOIN unit u ON u.id = m.unit_id WHERE pi.key = 'LAND-P-02' AND u.code = '02'`,
    );
    expect(kept.percent_complete).toBe(70);

    // Tuyên Quang's node, with the new unit's token: it pulls the successor's milestones and carries on
    const tuyenQuang = await startTestProvince({
      code: '08',
      central,
      databaseUrl: await nodeDatabaseUrl(1),
    });
    nodes.push(tuyenQuang);
    await tuyenQuang.gql(SYNC_NOW);
    const [successor] = await sql<{ status: string; percent_complete: number }>(
      `SELECT m.status, m.percent_complete FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       JOIN unit u ON u.id = m.unit_id WHERE pi.key = 'LAND-P-02' AND u.code = '08' AND u.valid_from = '2025-07-01'`,
    );
    expect(await p02(tuyenQuang)).toMatchObject({
      status: successor.status,
      percentComplete: successor.percent_complete,
    });
    await tuyenQuang.gql(REPORT, {
      input: { programCode: 'LAND', key: 'LAND-P-02', status: 'IN_PROGRESS', percentComplete: 90 },
    });
    await tuyenQuang.gql(SYNC_NOW);
    expect(await p02(tuyenQuang)).toMatchObject({ percentComplete: 90, lastOutcome: 'APPLIED' });
    const [own] = await sql<{ percent_complete: number; version: number }>(
      `SELECT m.percent_complete, m.version FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       JOIN unit u ON u.id = m.unit_id WHERE pi.key = 'LAND-P-02' AND u.code = '08' AND u.valid_from = '2025-07-01'`,
    );
    expect(own).toEqual({ percent_complete: 90, version: 1 });
  });
});
