import { roles, startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';
import { pusher, UpdateInput } from './support/updates';

/**
 * Reads across a reorganisation (domain.md "Reorganisation", "As of a date"). The
 * merger is written straight into the tables, as applying a map leaves them:
 * effective 2020-02-15, Hà Giang (02) and Tuyên Quang (08) end on 02-14 and a new
 * Tuyên Quang (08) begins; the owner BTNMT ends too, its program passing to a new
 * ministry BMOI. Each new unit's milestone points back to its predecessors'
 * (successor_id). Program MRG: C1 (CENTRAL) and P1 (PROVINCE, depends on C1).
 * Before the merger BTNMT reports C1 BLOCKED 5%, 02 reports P1 30%, 08 P1 BLOCKED
 * 10%; the new 08 reports P1 60% on 02-25. Today is 2020-03-01.
 */
describe('boards across a merger', () => {
  let sut: TestCentral;
  const update = (unitCode: string, key: string, over: Partial<UpdateInput>): UpdateInput => ({
    idempotencyKey: `mrg-${unitCode}-${key}-${over.reportedAt ?? ''}`,
    seq: 1,
    programCode: 'MRG',
    key,
    unitCode,
    status: 'IN_PROGRESS',
    percentComplete: 30,
    reportedAt: '2020-02-05T10:00:00+07:00',
    ...over,
  });
  const blocked = (blocker: string, percentComplete: number) => ({
    status: 'BLOCKED',
    blocker,
    percentComplete,
  });

  /** The new unit `code` from 02-15 taking over `from`, with a milestone of `key` carrying theirs. */
  async function merge(code: string, name: string, kind: string, from: string[], key: string) {
    const ended = await sql<{ id: string }>(
      `UPDATE unit SET valid_to = '2020-02-14' WHERE code = ANY ($1) RETURNING id`,
      [from],
    );
    const [unit] = await sql<{ id: string }>(
      `INSERT INTO unit (code, name, name_folded, kind, valid_from) VALUES ($1, $2, lower($2), $3, '2020-02-15')
       RETURNING id`,
      [code, name, kind],
    );
    await sql(`UPDATE unit SET successor_id = $1 WHERE id = ANY ($2::uuid[])`, [
      unit.id,
      ended.map((u) => u.id),
    ]);
    const [m] = await sql<{ id: string }>(
      `INSERT INTO milestone (program_id, plan_item_id, unit_id)
       SELECT pi.program_id, pi.id, $1 FROM plan_item pi WHERE pi.key = $2 RETURNING id`,
      [unit.id, key],
    );
    await sql(
      `UPDATE milestone SET successor_id = $1 FROM plan_item pi, unit u
       WHERE pi.id = milestone.plan_item_id AND pi.key = $2 AND u.id = milestone.unit_id AND u.successor_id = $3`,
      [m.id, key, unit.id],
    );
    return { unitId: unit.id, milestoneId: m.id };
  }

  beforeAll(async () => {
    sut = await startTestCentral({ clockNow: '2020-03-01T03:00:00Z' });
    const created = await sut.gql(
      `mutation { createProgram(input: { code: "MRG", name: "Merger", ownerCode: "BTNMT", model: FEDERATED }) { code } }`,
    );
    expect(created.errors).toBeUndefined();
    const published = await sut.gql(
      `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
      {
        i: {
          programCode: 'MRG',
          expectedVersion: 0,
          items: [
            { key: 'C1', title: 'Central', scope: 'CENTRAL', baselineDue: '2020-06-30' },
            {
              key: 'P1',
              title: 'Province',
              scope: 'PROVINCE',
              baselineDue: '2020-06-30',
              dependsOn: ['C1'],
            },
          ],
        },
      },
    );
    expect(published.errors).toBeUndefined();
    await sql(`UPDATE plan_version SET published_at = '2020-01-10T09:00:00+07:00'`);
    const push = pusher(sut);
    const ok = async (updates: UpdateInput[], unit: string, token: string) => {
      const r = await push(updates, token);
      expect(r.errors).toBeUndefined();
      expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
      return unit;
    };
    await ok(
      [update('BTNMT', 'C1', blocked('Chờ phê duyệt', 5))],
      'BTNMT',
      sut.token(roles.agency('BTNMT')),
    );
    await ok([update('02', 'P1', {})], '02', sut.token(roles.provinceNode('02')));
    await ok(
      [update('08', 'P1', { ...blocked('Chờ vốn', 10), reportedAt: '2020-02-10T10:00:00+07:00' })],
      '08',
      sut.token(roles.provinceNode('08')),
    );

    await merge('08', 'Tuyên Quang', 'PROVINCE', ['02', '08'], 'P1');
    const ministry = await merge('BMOI', 'Bộ Mới', 'CENTRAL_AGENCY', ['BTNMT'], 'C1');
    await sql(`UPDATE program SET owner_unit_id = $1 WHERE code = 'MRG'`, [ministry.unitId]);
    // what applying the map keeps on the successor's row until its own report (derived)
    await sql(
      `UPDATE milestone SET status = 'BLOCKED', percent_complete = 5,
         blocker = 'Bộ Tài nguyên và Môi trường: Chờ phê duyệt' WHERE id = $1`,
      [ministry.milestoneId],
    );
    await ok(
      [update('08', 'P1', { percentComplete: 60, reportedAt: '2020-02-25T10:00:00+07:00' })],
      '08',
      sut.token(roles.provinceNode('08')),
    );
    await sut.escalationsSettled();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  /** The program's progress as read below: here nothing is ever on track, C1 being blocked. */
  const figures = (percentComplete: number, total: number, blocked: number, atRisk: number) => ({
    percentComplete,
    total,
    blocked,
    atRisk,
    onTrack: 0,
  });

  async function read(asOf: string | null) {
    const r = await sut.gql(
      `query($d: Date) {
        program(code: "MRG") {
          progress(asOf: $d) { percentComplete total blocked atRisk onTrack }
          provinceBoard(asOf: $d) { unit { code name } milestones { key status percentComplete health blocker } }
        }
        nationalDashboard(asOf: $d) { laggingProvinces(first: 100) { unit { code } } }
        c1: milestones(filter: { asOf: $d, programCode: "MRG", scope: CENTRAL }) {
          edges { node { unit { code } status health blocker } } }
      }`,
      { d: asOf },
    );
    expect(r.errors).toBeUndefined();
    const board = r.data!.program.provinceBoard as {
      unit: { code: string };
      milestones: unknown[];
    }[];
    return {
      progress: r.data!.program.progress,
      provinces: board.length,
      lagging: r.data!.nationalDashboard.laggingProvinces.length,
      p1: (code: string) => board.find((row) => row.unit.code === code)?.milestones[0],
      c1: r.data!.c1.edges.map((e: { node: unknown }) => e.node),
    };
  }

  it('before the merger: the predecessors, 63 provinces, the old owner holding P1 up', async () => {
    const b = await read('2020-02-12');
    expect([b.provinces, b.lagging]).toEqual([63, 63]);
    // C1 + 63 P1, all P1 but 08's at risk behind the blocked C1
    expect(b.progress).toEqual(figures(0.7, 64, 2, 62));
    expect(b.p1('02')).toEqual({
      key: 'P1',
      status: 'IN_PROGRESS',
      percentComplete: 30,
      health: 'AT_RISK',
      blocker: null,
    });
    expect(b.p1('08')).toMatchObject({
      status: 'BLOCKED',
      percentComplete: 10,
      blocker: 'Chờ vốn',
    });
    expect(b.c1).toEqual([
      { unit: { code: 'BTNMT' }, status: 'BLOCKED', health: 'BLOCKED', blocker: 'Chờ phê duyệt' },
    ]);
  });

  it('after it, before the new unit reports: its state derived, each piece of work once', async () => {
    const b = await read('2020-02-20');
    expect([b.provinces, b.lagging]).toEqual([62, 62]);
    expect(b.p1('02')).toBeUndefined();
    // mean of 30 and 10; BLOCKED as one of them is, under its unit's name
    expect(b.p1('08')).toEqual({
      key: 'P1',
      status: 'BLOCKED',
      percentComplete: 20,
      health: 'BLOCKED',
      blocker: 'Tuyên Quang: Chờ vốn',
    });
    expect(b.progress).toEqual(figures(0.4, 63, 2, 61));
    expect(b.c1).toEqual([
      {
        unit: { code: 'BMOI' },
        status: 'BLOCKED',
        health: 'BLOCKED',
        blocker: 'Bộ Tài nguyên và Môi trường: Chờ phê duyệt',
      },
    ]);
  });

  it("from the new unit's own report on: its own state", async () => {
    const b = await read('2020-02-26');
    expect(b.p1('08')).toMatchObject({
      status: 'IN_PROGRESS',
      percentComplete: 60,
      health: 'AT_RISK',
    });
    expect(b.progress).toEqual(figures(1.03, 63, 1, 62));
  });

  it("today: the ended units' milestones count nowhere, the successors' rows as they are", async () => {
    const b = await read(null);
    expect([b.provinces, b.lagging]).toEqual([62, 62]);
    expect(b.progress).toEqual(figures(1.03, 63, 1, 62));
    expect(b.c1).toEqual([expect.objectContaining({ unit: { code: 'BMOI' }, status: 'BLOCKED' })]);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM milestone m JOIN program p ON p.id = m.program_id WHERE p.code = 'MRG'`,
    );
    expect(n).toBe(66); // the history is kept: three ended units' milestones are still there
  });
});
