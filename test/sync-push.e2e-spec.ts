import { sql } from './support/database';
import { errorCode, roles, startTestCentral, TestCentral } from './support/central';
import { landUpdate, PUSH, UpdateInput } from './support/updates';

/** History rows and node counters straight from the tables. */
async function ledger() {
  const [{ updates }] = await sql<{ updates: number }>(
    `SELECT count(*)::int AS updates FROM milestone_update`,
  );
  const nodes = await sql<{
    code: string;
    highest_seq: number;
    applied_count: number;
    rejected_count: number;
  }>(
    `SELECT u.code, n.highest_seq, n.applied_count, n.rejected_count FROM node_sync n JOIN unit u ON u.id = n.unit_id ORDER BY u.code`,
  );
  return { updates, nodes };
}

async function milestoneState(programCode: string, key: string, unitCode: string) {
  const [row] = await sql<{
    status: string;
    percent_complete: number;
    version: number;
    blocker: string | null;
    completed_on: string | null;
  }>(
    `SELECT m.status, m.percent_complete, m.version, m.blocker, m.completed_on FROM milestone m
     JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id JOIN unit u ON u.id = m.unit_id
     WHERE p.code = $1 AND pi.key = $2 AND u.code = $3`,
    [programCode, key, unitCode],
  );
  return row;
}

describe('pushMilestoneUpdates', () => {
  let sut: TestCentral;

  // Fresh demo data for every test: outcomes depend on versions and history.
  beforeEach(async () => {
    sut = await startTestCentral({ demo: true });
  });

  afterEach(async () => {
    await sut.stop();
  });

  const push = (updates: UpdateInput[], token = sut.token(roles.provinceNode('01'))) =>
    sut.gql(PUSH, { updates }, token);

  it('applies an update: the milestone reflects it, history and the node ledger record it', async () => {
    const u = landUpdate('01', 1, { percentComplete: 70, note: 'Hoàn thành 70% hồ sơ' });
    const r = await push([u]);
    expect(r.errors).toBeUndefined();
    expect(r.data!.pushMilestoneUpdates).toEqual({
      highestAckedSeq: 1,
      results: [
        {
          idempotencyKey: u.idempotencyKey,
          outcome: 'APPLIED',
          firstOutcome: 'APPLIED',
          reason: null,
          milestone: {
            key: 'LAND-P-02',
            status: 'IN_PROGRESS',
            percentComplete: 70,
            version: 1,
            unit: { code: '01' },
          },
        },
      ],
    });
    expect(await milestoneState('LAND', 'LAND-P-02', '01')).toMatchObject({
      status: 'IN_PROGRESS',
      percent_complete: 70,
      version: 1,
    });
    expect(await ledger()).toEqual({
      updates: 1,
      nodes: [{ code: '01', highest_seq: 1, applied_count: 1, rejected_count: 0 }],
    });

    const [{ id }] = await sql<{ id: string }>(
      `SELECT m.id FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN unit u ON u.id = m.unit_id WHERE pi.key = 'LAND-P-02' AND u.code = '01'`,
    );
    const h = await sut.gql(
      `query($id: ID!) { milestone(id: $id) { lastReportedAt history { totalCount edges { node {
      idempotencyKey seq outcome status percentComplete note reportedBy reportedAt receivedAt } } } } }`,
      { id },
    );
    expect(h.data!.milestone.lastReportedAt).toBe('2020-02-28T02:00:00.000Z');
    expect(h.data!.milestone.history.totalCount).toBe(1);
    expect(h.data!.milestone.history.edges[0].node).toEqual({
      idempotencyKey: u.idempotencyKey,
      seq: 1,
      outcome: 'APPLIED',
      status: 'IN_PROGRESS',
      percentComplete: 70,
      note: 'Hoàn thành 70% hồ sơ',
      reportedBy: 'province_node:01',
      reportedAt: '2020-02-28T02:00:00.000Z',
      receivedAt: '2020-03-01T00:00:00.000Z',
    });

    const s =
      await sut.gql(`{ syncStatus { unit { code } highestSeq appliedCount rejectedCount lastSyncAt }
      program(code: "LAND") { provinceBoard { unit { code } lastSyncAt } } }`);
    expect(s.data!.syncStatus[0]).toEqual({
      unit: { code: '01' },
      highestSeq: 1,
      appliedCount: 1,
      rejectedCount: 0,
      lastSyncAt: '2020-03-01T00:00:00.000Z',
    });
    expect(s.data!.program.provinceBoard[0]).toEqual({
      unit: { code: '01' },
      lastSyncAt: '2020-03-01T00:00:00.000Z',
    });
    expect(s.data!.program.provinceBoard[1].lastSyncAt).toBeNull();
  });

  it('answers DUPLICATE for a key seen before, with the first answer, and records nothing more', async () => {
    const bad = landUpdate('01', 1, { status: 'BLOCKED' });
    const good = landUpdate('01', 2, { percentComplete: 60 });
    await push([bad, good]);
    const again = await push([bad, good]);
    expect(
      again.data!.pushMilestoneUpdates.results.map((x: any) => [x.outcome, x.firstOutcome]),
    ).toEqual([
      ['DUPLICATE', 'REJECTED'],
      ['DUPLICATE', 'APPLIED'],
    ]);
    expect(again.data!.pushMilestoneUpdates.results[0].reason).toMatch(/blocker/);
    expect(again.data!.pushMilestoneUpdates.highestAckedSeq).toBe(2);
    expect(await ledger()).toEqual({
      updates: 2,
      nodes: [{ code: '01', highest_seq: 2, applied_count: 1, rejected_count: 1 }],
    });
  });

  it('pages a milestone’s history newest first by cursor, the total on every page', async () => {
    const r = await push(
      [1, 2, 3, 4, 5].map((seq) => landUpdate('01', seq, { percentComplete: seq * 10 })),
    );
    expect(r.errors).toBeUndefined();
    const [{ id }] = await sql<{ id: string }>(
      `SELECT m.id FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN unit u ON u.id = m.unit_id WHERE pi.key = 'LAND-P-02' AND u.code = '01'`,
    );
    const seqs: number[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const h: any = await sut.gql(
        `query($id: ID!, $after: String) { milestone(id: $id) { history(first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { seq } } } } }`,
        { id, after },
      );
      const page = h.data.milestone.history;
      seqs.push(...page.edges.map((e: any) => e.node.seq));
      totals.push(page.totalCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seqs).toEqual([5, 4, 3, 2, 1]);
    expect(totals).toEqual([5, 5, 5]);
  });

  it('shows in a milestone’s history every field each report carried, as applied', async () => {
    const blocked = landUpdate('01', 1, {
      status: 'BLOCKED',
      percentComplete: 40,
      blocker: 'Chưa có kinh phí đo đạc',
      forecastDue: '2020-09-30',
      note: 'Đã báo cáo UBND tỉnh',
    });
    const done = landUpdate('01', 2, { status: 'DONE', percentComplete: 100 });
    expect((await push([blocked, done])).errors).toBeUndefined();
    const [{ id }] = await sql<{ id: string }>(
      `SELECT m.id FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN unit u ON u.id = m.unit_id WHERE pi.key = 'LAND-P-02' AND u.code = '01'`,
    );
    const h = await sut.gql(
      `query($id: ID!) { milestone(id: $id) { history { edges { node {
        seq outcome status percentComplete forecastDue completedOn blocker note } } } } }`,
      { id },
    );
    expect(h.data!.milestone.history.edges.map((e: any) => e.node)).toEqual([
      {
        seq: 2,
        outcome: 'APPLIED',
        status: 'DONE',
        percentComplete: 100,
        forecastDue: null,
        // DONE without a date is completed on the day it was reported (Vietnam time)
        completedOn: '2020-02-28',
        blocker: null,
        note: null,
      },
      {
        seq: 1,
        outcome: 'APPLIED',
        status: 'BLOCKED',
        percentComplete: 40,
        forecastDue: '2020-09-30',
        completedOn: null,
        blocker: 'Chưa có kinh phí đo đạc',
        note: 'Đã báo cáo UBND tỉnh',
      },
    ]);
  });

  it('answers STALE for a seq not above the milestone’s version: kept in history, state unchanged', async () => {
    await push([landUpdate('01', 5, { percentComplete: 80 })]);
    const r = await push([landUpdate('01', 3, { percentComplete: 10 })]);
    expect(r.data!.pushMilestoneUpdates.results[0]).toMatchObject({
      outcome: 'STALE',
      reason: expect.stringMatching(/not above 5/),
    });
    expect(await milestoneState('LAND', 'LAND-P-02', '01')).toMatchObject({
      percent_complete: 80,
      version: 5,
    });
    expect((await ledger()).updates).toBe(2);
  });

  it.each<[string, Partial<UpdateInput>, RegExp]>([
    ['an unknown milestone', { key: 'LAND-P-99' }, /unknown milestone/],
    [
      'DONE without 100 percent',
      { status: 'DONE', percentComplete: 90 },
      /DONE requires percentComplete 100/,
    ],
    ['BLOCKED without a blocker', { status: 'BLOCKED', blocker: '  ' }, /blocker/],
    [
      'completedOn in the future',
      { status: 'DONE', percentComplete: 100, completedOn: '2020-03-02' },
      /future/,
    ],
    ['percent above 100', { percentComplete: 101 }, /0 to 100/],
  ])('answers REJECTED for %s, nothing changed but the record', async (_name, over, reason) => {
    const before = await milestoneState('LAND', 'LAND-P-02', '01');
    const r = await push([landUpdate('01', 1, over)]);
    expect(r.errors).toBeUndefined();
    expect(r.data!.pushMilestoneUpdates.results[0]).toMatchObject({
      outcome: 'REJECTED',
      reason: expect.stringMatching(reason),
    });
    expect(await milestoneState('LAND', 'LAND-P-02', '01')).toEqual(before);
    expect(await ledger()).toEqual({
      updates: 1,
      nodes: [{ code: '01', highest_seq: 1, applied_count: 0, rejected_count: 1 }],
    });
  });

  it('answers REJECTED for a milestone the PMO cancelled', async () => {
    const plan = await sut.gql(
      `{ program(code: "LAND") { planVersion plan { key title scope baselineDue weight dependsOn } } }`,
    );
    const items = plan.data!.program.plan.filter((i: { key: string }) => i.key !== 'LAND-P-04');
    const pub = await sut.gql(
      `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
      {
        i: { programCode: 'LAND', expectedVersion: 1, items },
      },
    );
    expect(pub.errors).toBeUndefined();
    const r = await push([landUpdate('01', 1, { key: 'LAND-P-04' })]);
    expect(r.data!.pushMilestoneUpdates.results[0]).toMatchObject({
      outcome: 'REJECTED',
      reason: expect.stringMatching(/cancelled/),
    });
  });

  it('applies DONE with completedOn defaulted to the report’s day', async () => {
    const r = await push([
      landUpdate('01', 1, {
        status: 'DONE',
        percentComplete: 100,
        reportedAt: '2020-02-27T20:00:00Z',
      }),
    ]);
    expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
    // 20:00 UTC on the 27th is the 28th in Hà Nội
    expect(await milestoneState('LAND', 'LAND-P-02', '01')).toMatchObject({
      status: 'DONE',
      completed_on: '2020-02-28',
    });
  });

  it('a key repeated in one batch is applied once, to the milestone its first use names', async () => {
    const first = landUpdate('01', 1, { key: 'LAND-P-02', percentComplete: 61 });
    const again = {
      ...landUpdate('01', 2, { key: 'LAND-P-03', percentComplete: 99 }),
      idempotencyKey: first.idempotencyKey,
    };
    const before = await milestoneState('LAND', 'LAND-P-03', '01');
    const r = await push([first, again]);
    expect(
      r.data!.pushMilestoneUpdates.results.map((x: any) => [x.outcome, x.milestone?.key]),
    ).toEqual([
      ['APPLIED', 'LAND-P-02'],
      ['DUPLICATE', 'LAND-P-02'],
    ]);
    expect(await milestoneState('LAND', 'LAND-P-02', '01')).toMatchObject({ percent_complete: 61 });
    expect(await milestoneState('LAND', 'LAND-P-03', '01')).toEqual(before);
  });

  it('gives each update its own outcome, in input order', async () => {
    const updates = [
      landUpdate('01', 1, { percentComplete: 55 }),
      landUpdate('01', 2, { key: 'LAND-P-03', status: 'BLOCKED' }),
      landUpdate('01', 3, { key: 'NOPE' }),
      landUpdate('01', 4, { percentComplete: 65 }),
    ];
    const r = await push(updates);
    expect(
      r.data!.pushMilestoneUpdates.results.map((x: any) => [x.idempotencyKey, x.outcome]),
    ).toEqual([
      [updates[0].idempotencyKey, 'APPLIED'],
      [updates[1].idempotencyKey, 'REJECTED'],
      [updates[2].idempotencyKey, 'REJECTED'],
      [updates[3].idempotencyKey, 'APPLIED'],
    ]);
    expect(r.data!.pushMilestoneUpdates.highestAckedSeq).toBe(4);
    expect(await milestoneState('LAND', 'LAND-P-02', '01')).toMatchObject({
      percent_complete: 65,
      version: 4,
    });
  });

  describe('scope', () => {
    it('province 01 pushing a milestone of 79: FORBIDDEN, nothing recorded (not even its own updates)', async () => {
      const r = await push([landUpdate('01', 1), landUpdate('79', 2)]);
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect(r.errors![0].message).toMatch(/updates\[1\] is for unit 79/);
      expect(await ledger()).toEqual({ updates: 0, nodes: [] });
    });

    it('an AGENCY pushing a province milestone: FORBIDDEN', async () => {
      const r = await push([landUpdate('01', 1)], sut.token(roles.agency('BTNMT')));
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect(await ledger()).toEqual({ updates: 0, nodes: [] });
    });

    it('an AGENCY pushing a program it does not own: FORBIDDEN', async () => {
      const r = await push(
        [landUpdate('BCA', 1, { programCode: 'LAND', key: 'LAND-C-02' })],
        sut.token(roles.agency('BCA')),
      );
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect((await ledger()).updates).toBe(0);
    });

    it('an AGENCY pushing its own CENTRAL milestone: APPLIED', async () => {
      const r = await push(
        [
          landUpdate('BTNMT', 1, {
            key: 'LAND-C-02',
            status: 'DONE',
            percentComplete: 100,
            completedOn: '2020-02-27',
          }),
        ],
        sut.token(roles.agency('BTNMT')),
      );
      expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
      expect(await milestoneState('LAND', 'LAND-C-02', 'BTNMT')).toMatchObject({
        status: 'DONE',
        completed_on: '2020-02-27',
      });
    });

    it('a node token for a unit that does not exist: FORBIDDEN', async () => {
      const r = await push([landUpdate('ZZ', 1)], sut.token(roles.provinceNode('ZZ')));
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect((await ledger()).updates).toBe(0);
    });

    it('an update naming an unknown unit: FORBIDDEN', async () => {
      const r = await push([landUpdate('99', 1)]);
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect((await ledger()).updates).toBe(0);
    });
  });

  describe('bad batches are refused whole', () => {
    it('over 500 updates: BAD_USER_INPUT, nothing recorded', async () => {
      const updates = Array.from({ length: 501 }, (_, i) => landUpdate('01', i + 1));
      const r = await push(updates);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('updates');
      expect(await ledger()).toEqual({ updates: 0, nodes: [] });
    });

    it('exactly 500 updates are accepted', async () => {
      const updates = Array.from({ length: 500 }, (_, i) =>
        landUpdate('01', i + 1, { percentComplete: i % 100 }),
      );
      const r = await push(updates);
      expect(r.errors).toBeUndefined();
      expect(r.data!.pushMilestoneUpdates.highestAckedSeq).toBe(500);
      expect((await ledger()).updates).toBe(500);
      expect(await milestoneState('LAND', 'LAND-P-02', '01')).toMatchObject({
        version: 500,
        percent_complete: 99,
      });
    });

    it('seqs out of order: BAD_USER_INPUT with the field', async () => {
      const r = await push([landUpdate('01', 2), landUpdate('01', 1)]);
      expect(r.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'updates[1].seq' });
      expect((await ledger()).updates).toBe(0);
    });

    it('an impossible date: BAD_USER_INPUT with the field', async () => {
      const r = await push([landUpdate('01', 1, { forecastDue: '2020-02-30' })]);
      expect(r.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'updates[0].forecastDue',
      });
      expect((await ledger()).updates).toBe(0);
    });
  });

  it('the same batch sent twice at once: one APPLIED and one DUPLICATE per update, history holds each once', async () => {
    const updates = Array.from({ length: 40 }, (_, i) =>
      landUpdate('01', i + 1, {
        key: ['LAND-P-02', 'LAND-P-03', 'LAND-P-04'][i % 3],
        percentComplete: i,
      }),
    );
    const [a, b] = await Promise.all([push(updates), push(updates)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    for (let i = 0; i < updates.length; i += 1) {
      const pair = [
        a.data!.pushMilestoneUpdates.results[i].outcome,
        b.data!.pushMilestoneUpdates.results[i].outcome,
      ].sort();
      expect(pair).toEqual(['APPLIED', 'DUPLICATE']);
    }
    expect(await ledger()).toEqual({
      updates: 40,
      nodes: [{ code: '01', highest_seq: 40, applied_count: 40, rejected_count: 0 }],
    });
  });
});
