import { sql } from './support/database';
import { demoCentral } from './support/central';

const QUEUE = `query($filter: EscalationFilter, $first: Int, $after: String) {
  escalations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id level reason state ageDays waitingUnits note acknowledgedBy
      milestone { key unit { code } program { code } } } }
  }
}`;
const LEVELS = ['DEPARTMENT', 'UNIT_LEADERSHIP', 'MINISTRY', 'MINISTER', 'GOVERNMENT'];

/** The escalation queue as the demo leaves it: every level, worst first, and its filters. */
describe('escalations: the queue', () => {
  const sut = demoCentral('per-test');

  it('the demo has escalations at every level, worst first, the connection standard at the minister', async () => {
    const seen: any[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i += 1) {
      const r = await sut.gql(QUEUE, { first: 25, after });
      expect(r.errors).toBeUndefined();
      seen.push(...r.data!.escalations.edges.map((e: any) => e.node));
      if (!r.data!.escalations.pageInfo.hasNextPage) break;
      after = r.data!.escalations.pageInfo.endCursor;
    }
    const [{ live }] = await sql<{ live: number }>(
      `SELECT count(*)::int AS live FROM escalation WHERE state <> 'RESOLVED'`,
    );
    expect(seen).toHaveLength(live);
    expect(new Set(seen.map((e) => e.level))).toEqual(new Set(LEVELS));
    const ranks = seen.map((e) => [LEVELS.indexOf(e.level), e.ageDays]);
    const sorted = [...ranks].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(ranks).toEqual(sorted);
    const dependency = seen.filter((e) => e.reason === 'DEPENDENCY_LATE');
    expect(dependency).toHaveLength(1);
    expect(dependency[0]).toMatchObject({
      level: 'MINISTER',
      milestone: { key: 'LAND-C-02', unit: { code: 'BTNMT' } },
    });
    expect(dependency[0].waitingUnits).toBeGreaterThan(5);

    const d = await sut.gql(
      `{ nationalDashboard { escalationsByLevel { level count } programs { program { code } openEscalations } } }`,
    );
    const byLevel = Object.fromEntries(
      d.data!.nationalDashboard.escalationsByLevel.map((l: any) => [l.level, l.count]),
    );
    for (const level of LEVELS)
      expect(byLevel[level]).toBe(seen.filter((e) => e.level === level).length);
  });

  it('says the total it holds on every page, for every filter', async () => {
    const filters = [
      {},
      { level: ['MINISTER', 'DEPARTMENT'] },
      { programCode: 'LAND' },
      { programCode: 'LAND', level: ['DEPARTMENT'] },
      { programCode: 'NO-SUCH' },
      { unitCode: '77' },
      { state: ['OPEN'] },
    ];
    const totals = [];
    for (const filter of filters) {
      const pages = [];
      let after: string | undefined;
      do {
        const r = await sut.gql(QUEUE, { filter, first: 7, after });
        expect(r.errors).toBeUndefined();
        pages.push(r.data!.escalations);
        after = r.data!.escalations.pageInfo.endCursor ?? undefined;
      } while (pages.at(-1).pageInfo.hasNextPage);
      const held = pages.reduce((n, p) => n + p.edges.length, 0);
      // the first page's total (kept counts for the first five) and every later page's
      expect(pages.map((p) => p.totalCount)).toEqual(pages.map(() => held));
      totals.push(held);
    }
    const [{ all, minister, department, land, landDept, brvt, open }] = await sql<
      Record<string, number>
    >(
      `SELECT count(*)::int AS all,
         count(*) FILTER (WHERE e.level IN ('MINISTER', 'DEPARTMENT'))::int AS minister,
         count(*) FILTER (WHERE e.level = 'DEPARTMENT')::int AS department,
         count(*) FILTER (WHERE p.code = 'LAND')::int AS land,
         count(*) FILTER (WHERE p.code = 'LAND' AND e.level = 'DEPARTMENT')::int AS "landDept",
         count(*) FILTER (WHERE u.code = '77')::int AS brvt,
         count(*) FILTER (WHERE e.state = 'OPEN')::int AS open
       FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN program p ON p.id = m.program_id
       JOIN unit u ON u.id = m.unit_id WHERE e.state <> 'RESOLVED'`,
    );
    expect(department).toBeGreaterThan(0);
    expect(landDept).toBeGreaterThan(0);
    expect(totals).toEqual([all, minister, land, landDept, 0, brvt, open]);
  });

  it('filters by level, program, unit and state', async () => {
    const r = await sut.gql(QUEUE, { filter: { level: ['MINISTER'], programCode: 'LAND' } });
    expect(r.data!.escalations.edges.map((e: any) => e.node.reason).sort()).toEqual([
      'DEPENDENCY_LATE',
      'OVERDUE',
    ]);
    const resolved = await sut.gql(QUEUE, { filter: { state: ['RESOLVED'] } });
    expect(resolved.data!.escalations.totalCount).toBe(0);
    // Bà Rịa - Vũng Tàu: the demo has several there (none in Hồ Chí Minh City, 79).
    const brvt = await sut.gql(QUEUE, { filter: { unitCode: '77' }, first: 100 });
    const ofBrvt = await sql<{ id: string }>(
      `SELECT e.id FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id
       WHERE u.code = '77' AND e.state <> 'RESOLVED' ORDER BY e.id`,
    );
    // an empty answer would pass the unit check below
    expect(ofBrvt.length).toBeGreaterThan(1);
    const nodes = brvt.data!.escalations.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.id).sort()).toEqual(ofBrvt.map((r) => r.id).sort());
    expect(nodes.every((n: any) => n.milestone.unit.code === '77')).toBe(true);
  });
});
