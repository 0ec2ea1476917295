import {
  ESCALATION_LEVELS,
  EscalationLevel,
  EscalationScope,
  leaderMayAct,
  LeaderSeat,
  Role,
} from '@tracker/domain';
import { sql } from './support/database';
import { startTestCentral, TestCentral } from './support/central';

const MINE = `query($after: String) {
  escalations(filter: { mine: true }, first: 200, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;

/**
 * A leader's queue ("mine") is filtered in SQL so that it pages in the database;
 * acting on an escalation is checked by the domain's leaderMayAct. This asks the
 * queue of many seats on the demo and demands exactly what leaderMayAct allows.
 */
describe("a leader's queue in SQL agrees with the domain's leaderMayAct", () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
  });

  afterAll(async () => {
    await sut.stop();
  });

  async function queue(seat: LeaderSeat): Promise<string[]> {
    const token = sut.token({ role: Role.LEADER, level: seat.level, unit: seat.unit });
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const r = await sut.gql(MINE, { after }, token);
      expect(r.errors).toBeUndefined();
      ids.push(...r.data!.escalations.edges.map((e: any) => e.node.id));
      after = r.data!.escalations.pageInfo.hasNextPage
        ? r.data!.escalations.pageInfo.endCursor
        : undefined;
    } while (after);
    return ids.sort();
  }

  it('for every level, seated in provinces and ministries with and without escalations', async () => {
    const live = await sql<EscalationScope & { id: string }>(
      `SELECT e.id, e.level, u.code AS "unitCode", o.code AS "ownerCode"
       FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id
       JOIN program p ON p.id = m.program_id JOIN unit o ON o.id = p.owner_unit_id
       WHERE e.state IN ('OPEN', 'ACKNOWLEDGED')`,
    );
    // Every level must be present, or a wrong level comparison could pass unseen.
    expect(new Set(live.map((e) => e.level)).size).toBe(ESCALATION_LEVELS.length);
    const provinces = [...new Set(live.map((e) => e.unitCode))].sort().slice(0, 3);
    const owners = [...new Set(live.map((e) => e.ownerCode))].sort();
    const units = [...provinces, ...owners, '96', 'BNG'];
    const seats = ESCALATION_LEVELS.flatMap((level): LeaderSeat[] =>
      level === EscalationLevel.GOVERNMENT ? [{ level }] : units.map((unit) => ({ level, unit })),
    );
    let nonEmpty = 0;
    for (const seat of seats) {
      const expected = live
        .filter((e) => leaderMayAct(seat, e))
        .map((e) => e.id)
        .sort();
      if (expected.length > 0) nonEmpty += 1;
      expect({ seat, ids: await queue(seat) }).toEqual({ seat, ids: expected });
    }
    // Most seats see something, so an always-empty queue would fail.
    expect(nonEmpty).toBeGreaterThan(seats.length / 2);
  });
});
