import { expectRollupsMaintained } from './support/rollups';
import { sql } from './support/database';
import { roles, startTestCentral, TestCentral } from './support/central';
import { landUpdate, PUSH, UpdateInput } from './support/updates';

/**
 * Two central instances on one database take overlapping retries of one node's
 * outbox at the same time. The database, not either instance's memory, decides:
 * every update is recorded once and applied once.
 */
describe('two central instances on one database', () => {
  let one: TestCentral;
  let two: TestCentral;

  beforeAll(async () => {
    one = await startTestCentral({ demo: true });
    two = await startTestCentral({ demo: true, keepData: true });
  });

  afterEach(() => expectRollupsMaintained('2020-03-01'));

  afterAll(async () => {
    await one.stop();
    await two.stop();
  });

  it('overlapping retries to both instances record and apply each update exactly once', async () => {
    const keys = ['LAND-P-02', 'LAND-P-03', 'LAND-P-04'];
    const outbox: UpdateInput[] = Array.from({ length: 90 }, (_, i) =>
      landUpdate('79', i + 1, { key: keys[i % 3], percentComplete: i % 100 }),
    );
    const token = one.token(roles.provinceNode('79'));
    const send = (sut: TestCentral, updates: UpdateInput[]) => sut.gql(PUSH, { updates }, token);

    // What a node on a flaky link does: the first 60 to one instance, a retry that
    // overlaps (31-90) to the other, and the whole outbox again to both.
    const answers = await Promise.all([
      send(one, outbox.slice(0, 60)),
      send(two, outbox.slice(30, 90)),
      send(two, outbox),
      send(one, outbox),
    ]);
    for (const a of answers) expect(a.errors).toBeUndefined();

    const applied = new Map<string, number>();
    for (const a of answers) {
      for (const r of a.data!.pushMilestoneUpdates.results) {
        expect(['APPLIED', 'DUPLICATE', 'STALE']).toContain(r.outcome);
        if (r.outcome !== 'DUPLICATE')
          applied.set(r.idempotencyKey, (applied.get(r.idempotencyKey) ?? 0) + 1);
      }
    }
    // every update got exactly one first answer across all four requests
    expect(applied.size).toBe(90);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);

    const rows = await sql<{ idempotency_key: string; n: number }>(
      `SELECT idempotency_key, count(*)::int AS n FROM milestone_update WHERE seq > 0 GROUP BY idempotency_key`,
    );
    expect(rows).toHaveLength(90);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [node] = await sql<{ highest_seq: number; applied_count: number }>(
      `SELECT highest_seq, applied_count FROM node_sync n JOIN unit u ON u.id = n.unit_id WHERE u.code = '79'`,
    );
    expect(node.highest_seq).toBe(90);
    const [{ applied: appliedRows }] = await sql<{ applied: number }>(
      `SELECT count(*)::int AS applied FROM milestone_update WHERE outcome = 'APPLIED' AND seq > 0`,
    );
    expect(node.applied_count).toBe(appliedRows);
    // Each milestone ends at the last update for it, whichever instance took it.
    const final = await sql<{ key: string; version: number; percent_complete: number }>(
      `SELECT pi.key, m.version, m.percent_complete FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       JOIN unit u ON u.id = m.unit_id WHERE u.code = '79' AND pi.key = ANY ($1::text[]) ORDER BY pi.key`,
      [keys],
    );
    expect(final).toEqual([
      { key: 'LAND-P-02', version: 88, percent_complete: 87 },
      { key: 'LAND-P-03', version: 89, percent_complete: 88 },
      { key: 'LAND-P-04', version: 90, percent_complete: 89 },
    ]);
  });
});
