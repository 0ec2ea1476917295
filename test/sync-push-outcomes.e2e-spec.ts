import { expectRollupsMaintained } from './support/rollups';
import { sql } from './support/database';
import { demoCentral } from './support/central';
import { ledger, milestoneState } from './support/push-ledger';
import { landUpdate, pusher, UpdateInput } from './support/updates';

/** What the central answers for each update it accepts, and what it records. */
describe('pushMilestoneUpdates: outcomes', () => {
  // Fresh demo data for every test: outcomes depend on versions and history.
  const sut = demoCentral('per-test');
  // whatever the outcome, the maintained roll-ups stay what the rules compute
  afterEach(() => expectRollupsMaintained('2020-03-01'));
  const push = pusher(sut);

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
    // this report, and the demo's: Hà Nội's monthly check-ins of November to January and
    // the report of February that set the state it opened with
    expect(h.data!.milestone.history.totalCount).toBe(5);
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
