import { EscalationLevel, Role } from '@tracker/domain';
import { errorCode, startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';
import { ACK } from './support/escalations';
import { defineIndicator, indicatorValue, pushValues } from './support/indicators';
import { AFTER_2025, reorganise, tokenIssuedOn } from './support/reorganisation';
import { landUpdate, pusher } from './support/updates';

const MILESTONE = `query($id: ID!) { milestone(id: $id) {
  status percentComplete blocker version unit { code name }
  predecessors { unit { code } status } successor { id }
} }`;

/** The LAND-P-02 milestone of the unit bearing `code` on `day`. */
async function landP02(code: string, day: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `SELECT m.id FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN unit u ON u.id = m.unit_id
     WHERE pi.key = 'LAND-P-02' AND u.code = $1
       AND (u.valid_from IS NULL OR u.valid_from <= $2::date) AND (u.valid_to IS NULL OR u.valid_to >= $2::date)`,
    [code, day],
  );
  return row.id;
}

async function liveEscalations(milestoneId: string) {
  return sql<{ reason: string; age_days: number; level: string }>(
    `SELECT reason, age_days, level FROM escalation WHERE milestone_id = $1 AND state <> 'RESOLVED' ORDER BY reason`,
    [milestoneId],
  );
}

describe('reorganisation: the new unit carries its predecessors on', () => {
  let sut: TestCentral;
  let push: ReturnType<typeof pusher>;
  beforeEach(async () => {
    sut = await startTestCentral({ demo: true, clockNow: AFTER_2025 });
    push = pusher(sut);
  });
  afterEach(async () => {
    await sut.stop();
  });

  it('derives from its predecessors until its own first report; a merged node reports before the date only', async () => {
    // nodes' tokens issued before the merger, as a real node's would be
    const haGiang = tokenIssuedOn(sut, { role: Role.PROVINCE_NODE, unit: '02' }, '2025-06-01');
    const oldTuyenQuang = tokenIssuedOn(
      sut,
      { role: Role.PROVINCE_NODE, unit: '08' },
      '2025-06-01',
    );
    const june = (d: string) => `2025-06-${d}T09:00:00+07:00`;
    await push(
      [
        landUpdate('02', 1, {
          status: 'BLOCKED',
          percentComplete: 30,
          blocker: 'thiếu máy chủ',
          reportedAt: june('10'),
        }),
      ],
      haGiang,
    );
    await push(
      [landUpdate('08', 1, { percentComplete: 60, reportedAt: june('10') })],
      oldTuyenQuang,
    );
    await sut.escalationsSettled();
    const haGiangP02 = await landP02('02', '2025-06-30');
    const liveBefore = await liveEscalations(haGiangP02);
    const [blockedBefore] = liveBefore.filter((e) => e.reason === 'BLOCKED');
    expect(blockedBefore).toBeDefined();

    const applied = await reorganise(sut, 'provinces-2025', '2025-07-01');
    expect(applied.data!.reorganiseUnits.escalationsResolved).toBeGreaterThan(0);
    const successor = await landP02('08', '2025-07-01');
    const read = async (id: string) => (await sut.gql(MILESTONE, { id })).data!.milestone;
    expect(await read(successor)).toMatchObject({
      status: 'BLOCKED',
      percentComplete: 45,
      blocker: 'Hà Giang: thiếu máy chủ',
      version: 0,
      unit: { code: '08', name: 'Tuyên Quang' },
      predecessors: [
        { unit: { code: '02' }, status: 'BLOCKED' },
        { unit: { code: '08' }, status: 'IN_PROGRESS' },
      ],
      successor: null,
    });
    expect((await read(haGiangP02)).successor).toEqual({ id: successor });

    // the merged unit's escalations are resolved naming the successor; the successor's raised at once, same age
    expect(await liveEscalations(haGiangP02)).toEqual([]);
    const resolved = await sql<{ reason: string; note: string }>(
      `SELECT reason, note FROM escalation WHERE milestone_id = $1 AND resolved_by = 'system'
         AND note LIKE 'merged into%' ORDER BY reason`,
      [haGiangP02],
    );
    expect(resolved).toEqual(
      liveBefore.map((e) => ({ reason: e.reason, note: 'merged into Tuyên Quang (08)' })),
    );
    const [blockedAfter] = (await liveEscalations(successor)).filter((e) => e.reason === 'BLOCKED');
    expect(blockedAfter.age_days).toBe(blockedBefore.age_days);

    // Hà Giang's node: a late report dated before the merger applies and moves the derived state
    const late = await push(
      [landUpdate('02', 2, { percentComplete: 80, reportedAt: june('20') })],
      haGiang,
    );
    expect(late.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
    expect(await read(successor)).toMatchObject({
      status: 'IN_PROGRESS',
      percentComplete: 70,
      blocker: null,
    });
    // dated after: REJECTED, naming the successor
    const after = await push(
      [landUpdate('02', 3, { reportedAt: '2025-07-02T09:00:00+07:00' })],
      haGiang,
    );
    expect(after.data!.pushMilestoneUpdates.results[0]).toMatchObject({
      outcome: 'REJECTED',
      reason: expect.stringContaining('merged into Tuyên Quang (08)'),
    });

    // the new unit's own node: its first report makes the milestone its own
    const newTuyenQuang = sut.token({ role: Role.PROVINCE_NODE, unit: '08' });
    const own = await push(
      [landUpdate('08', 7, { percentComplete: 75, reportedAt: '2025-07-15T09:00:00+07:00' })],
      newTuyenQuang,
    );
    expect(own.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
    await push([landUpdate('02', 4, { percentComplete: 95, reportedAt: june('25') })], haGiang);
    expect(await read(successor)).toMatchObject({
      status: 'IN_PROGRESS',
      percentComplete: 75,
      version: 7,
    });
    const [history] = await sql<{ ha_giang: number; successor: number }>(
      `SELECT count(*) FILTER (WHERE milestone_id = $1)::int AS ha_giang, count(*) FILTER (WHERE milestone_id = $2)::int AS successor
       FROM milestone_update WHERE seq > 0`,
      [haGiangP02, successor],
    );
    expect(history).toEqual({ ha_giang: 4, successor: 1 });
  });

  it('a code taken over: a Yên Bái (15) token from before speaks for Yên Bái, a new one for Lào Cai', async () => {
    await reorganise(sut, 'provinces-2025', '2025-07-01');
    const yenBai = tokenIssuedOn(sut, { role: Role.PROVINCE_NODE, unit: '15' }, '2025-06-01');
    const july = '2025-07-05T09:00:00+07:00';
    const refused = await push([landUpdate('15', 1, { reportedAt: july })], yenBai);
    expect(refused.data!.pushMilestoneUpdates.results[0]).toMatchObject({
      outcome: 'REJECTED',
      reason: expect.stringMatching(/^Yên Bái \(15\) was merged into Lào Cai \(15\)/),
    });
    const laoCai = await push(
      [landUpdate('15', 1, { reportedAt: july })],
      sut.token({ role: Role.PROVINCE_NODE, unit: '15' }),
    );
    expect(laoCai.data!.pushMilestoneUpdates.results[0]).toMatchObject({
      outcome: 'APPLIED',
      milestone: { unit: { code: '15' }, version: 1 },
    });
    expect(
      (
        await sql(`SELECT 1 FROM milestone WHERE id = $1 AND version = 1`, [
          await landP02('15', '2025-07-01'),
        ])
      ).length,
    ).toBe(1);
  });

  it('a merged ministry: its programs pass on, its leaders read but may not act, the new ministry’s do', async () => {
    const applied = await reorganise(sut, 'agencies-2025', '2025-03-01');
    expect(applied.data!.reorganiseUnits.programsTransferred).toBe(2);
    const owners = (await sut.gql(`{ programs { code owner { code } } }`)).data!.programs;
    expect(owners).toEqual(
      expect.arrayContaining([
        { code: 'LAND', owner: { code: 'BNNMT' } },
        { code: 'ENTERPRISE', owner: { code: 'BTC' } },
      ]),
    );
    // a fresh block in Hà Nội raises a LAND escalation at the lowest level
    await push([
      landUpdate('01', 1, {
        key: 'LAND-P-04',
        status: 'BLOCKED',
        percentComplete: 10,
        blocker: 'chờ phần mềm',
        reportedAt: '2025-07-31T09:00:00+07:00',
      }),
    ]);
    await sut.escalationsSettled();
    const [escalation] = await sql<{ id: string }>(
      `SELECT e.id FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN plan_item pi ON pi.id = m.plan_item_id
       WHERE pi.key = 'LAND-P-04' AND e.reason = 'BLOCKED' AND e.state = 'OPEN'`,
    );
    const minister = (unit: string) =>
      sut.token({ role: Role.LEADER, level: EscalationLevel.MINISTER, unit });
    const reads = await sut.gql(
      `{ escalations(filter: { programCode: "LAND" }) { totalCount } }`,
      {},
      minister('BTNMT'),
    );
    expect(reads.errors).toBeUndefined();
    const refused = await sut.gql(ACK, { id: escalation.id }, minister('BTNMT'));
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toMatch(
      /Bộ Tài nguyên và Môi trường \(BTNMT\) was merged into Bộ Nông nghiệp và Môi trường \(BNNMT\)/,
    );
    const acted = await sut.gql(ACK, { id: escalation.id }, minister('BNNMT'));
    expect(acted.data!.acknowledgeEscalation.state).toBe('ACKNOWLEDGED');
  });

  it('a merged province reports indicator values up to the month of its last day; later months are its successor’s', async () => {
    await defineIndicator(sut, 'L4_SHARE', 'RATIO', [{ value: 0.3, due: '2025-12-31' }]);
    await reorganise(sut, 'provinces-2025', '2025-07-01');
    const answer = await pushValues(sut, '02', [
      indicatorValue('L4_SHARE', '02', 1, '2025-06', 3, 40),
      indicatorValue('L4_SHARE', '02', 2, '2025-07', 4, 40),
    ]);
    expect(answer.data!.pushMilestoneUpdates.indicatorResults).toMatchObject([
      { outcome: 'APPLIED', reason: null },
      { outcome: 'REJECTED', reason: expect.stringContaining('is reported by Tuyên Quang (08)') },
    ]);
  });
});
