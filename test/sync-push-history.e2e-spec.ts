import { expectRollupsMaintained } from './support/rollups';
import { sql } from './support/database';
import { demoCentral } from './support/central';
import { landUpdate, pusher } from './support/updates';

/** A milestone's history as the pushed reports leave it. */
describe('pushMilestoneUpdates: history', () => {
  // Fresh demo data for every test: outcomes depend on versions and history.
  const sut = demoCentral('per-test');
  // whatever the outcome, the maintained roll-ups stay what the rules compute
  afterEach(() => expectRollupsMaintained('2020-03-01'));
  const push = pusher(sut);

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
    // last, the demo's own reports (Hà Nội's February report and its monthly check-ins of
    // November to January before it), recorded below every node seq
    expect(seqs.slice(0, 5)).toEqual([5, 4, 3, 2, 1]);
    expect(seqs).toHaveLength(9);
    expect(seqs.slice(5).every((seq) => seq < 0)).toBe(true);
    expect(seqs.slice(5)).toEqual([...seqs.slice(5)].sort((a, b) => b - a));
    expect(totals).toEqual([9, 9, 9, 9, 9]);
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
      // the demo's report that set the state it opened with (Hà Nội: 55% in February), and
      // its monthly check-ins before it, on a straight line from 0 (January to November)
      ...[55, 41, 27, 13].map((percentComplete) => ({
        seq: expect.any(Number),
        outcome: 'APPLIED',
        status: 'IN_PROGRESS',
        percentComplete,
        forecastDue: null,
        completedOn: null,
        blocker: null,
        note: null,
      })),
    ]);
  });
});
