import { Health, MilestoneStatus } from '@tracker/domain';
import { sql } from './support/database';
import { demoCentral, errorCode } from './support/central';

/**
 * Finding milestones over real HTTP, against the 2020 demo data at CLOCK_NOW=2020-03-01:
 * paging, filters, search and one milestone in full. Expected figures are computed from
 * the tables here, not copied from the API, so a wrong answer cannot agree with itself.
 */
describe('central read API: milestones (demo data, 2020-03-01)', () => {
  const sut = demoCentral('per-file');

  const PAGE = `query Page($filter: MilestoneFilter, $first: Int, $after: String) {
    milestones(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id key status health daysLate unit { code name } program { code } } }
    }
  }`;

  async function walk(filter: Record<string, unknown>, first: number) {
    const seen: {
      id: string;
      program: string;
      key: string;
      unit: string;
      health: string;
      status: string;
    }[] = [];
    let after: string | undefined;
    const totals: number[] = [];
    for (let page = 0; page < 100; page += 1) {
      const r = await sut.gql(PAGE, { filter, first, after });
      expect(r.errors).toBeUndefined();
      const conn = r.data!.milestones;
      totals.push(conn.totalCount);
      for (const e of conn.edges) {
        seen.push({
          id: e.node.id,
          program: e.node.program.code,
          key: e.node.key,
          unit: e.node.unit.code,
          health: e.node.health,
          status: e.node.status,
        });
      }
      if (!conn.pageInfo.hasNextPage) break;
      expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1).cursor);
      after = conn.pageInfo.endCursor;
    }
    // every page says the same total: the first from its own statement, later ones beside theirs
    expect(new Set(totals).size).toBe(1);
    return { seen, totalCount: totals[0] };
  }

  it('pages through all 63 provinces of LAND without gaps or repeats', async () => {
    const { seen, totalCount } = await walk({ programCode: 'LAND', scope: 'PROVINCE' }, 17);
    // 4 province items × 63 provinces
    expect(totalCount).toBe(252);
    expect(seen).toHaveLength(252);
    expect(new Set(seen.map((s) => s.id)).size).toBe(252);
    expect(new Set(seen.map((s) => s.unit)).size).toBe(63);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       JOIN program p ON p.id = m.program_id WHERE p.code = 'LAND' AND pi.scope = 'PROVINCE'`,
    );
    expect(seen).toHaveLength(n);
    // ordered by key, then unit code
    const order = seen.map((s) => `${s.key}/${s.unit}`);
    expect(order).toEqual([...order].sort());
  });

  it('filters by health exactly, with totalCount matching the pages', async () => {
    for (const health of [
      Health.LATE,
      Health.BLOCKED,
      Health.AT_RISK,
      Health.DONE,
      Health.ON_TRACK,
    ]) {
      const { seen, totalCount } = await walk({ health: [health] }, 7);
      expect(seen.length).toBe(totalCount);
      expect(new Set(seen.map((s) => s.id)).size).toBe(totalCount);
      expect(seen.every((s) => s.health === health)).toBe(true);
      expect(totalCount).toBeGreaterThan(0);
      // program code, key, unit code, byte-wise, across the pages
      const order = seen.map((s) => [s.program, s.key, s.unit].join('\u0000'));
      expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  // totals of health alone, or with a program or a unit, come from the kept cells
  it.each([
    [{ health: [Health.LATE, Health.AT_RISK] }],
    [{ health: [Health.LATE, Health.LATE] }],
    [{ health: [Health.LATE], programCode: 'LAND' }],
    [{ health: [Health.AT_RISK, Health.BLOCKED], programCode: 'LAND', unitCode: '77' }],
    [{ health: [Health.DONE], unitCode: '01' }],
    [{ health: [Health.LATE], programCode: 'NO-SUCH' }],
    [{ health: [Health.LATE], scope: 'CENTRAL' }],
  ])('totalCount %j is the number of milestones its pages hold', async (filter) => {
    const { seen, totalCount } = await walk(filter, 9);
    expect(totalCount).toBe(seen.length);
    expect(seen.every((s) => filter.health.includes(s.health as Health))).toBe(true);
  });

  it('filters by status, unit, program, scope and combinations', async () => {
    const blocked = await walk({ status: [MilestoneStatus.BLOCKED] }, 50);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM milestone WHERE status = 'BLOCKED'`,
    );
    expect(blocked.totalCount).toBe(n);
    expect(blocked.seen.every((s) => s.status === 'BLOCKED')).toBe(true);

    const hanoi = await walk({ unitCode: '01' }, 50);
    // Hà Nội: 4 LAND + 2 CIVIL_STATUS province items
    expect(hanoi.totalCount).toBe(6);
    expect(hanoi.seen.every((s) => s.unit === '01')).toBe(true);

    const central = await walk({ scope: 'CENTRAL' }, 50);
    // 5 + 3 + 4 + 2 + 3 central items
    expect(central.totalCount).toBe(17);

    const landCentral = await walk(
      { programCode: 'LAND', scope: 'CENTRAL', status: ['IN_PROGRESS'] },
      50,
    );
    expect(landCentral.seen.map((s) => s.key).sort()).toEqual(['LAND-C-02', 'LAND-C-03']);
  });

  it.each([
    ['ha noi', '01'],
    ['HÀ NỘI', '01'],
    ['thua thien', '46'],
    ['Đắk Lắk', '66'],
  ])('search %p finds the milestones of province %s', async (search, code) => {
    const { seen } = await walk({ search }, 50);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.unit === code)).toBe(true);
  });

  it('search matches titles without diacritics', async () => {
    const { seen } = await walk({ search: 'so hoa ho so dia chinh' }, 100);
    expect(seen).toHaveLength(63);
    expect(new Set(seen.map((s) => s.key))).toEqual(new Set(['LAND-P-02']));
  });

  it('the connection standard is LATE by 61 days and the provinces waiting on it are at risk or late', async () => {
    const { seen } = await walk({ programCode: 'LAND', search: 'chuan ket noi' }, 10);
    expect(seen).toHaveLength(1);
    const r = await sut.gql(
      `query($id: ID!) { milestone(id: $id) {
      key status health daysLate baselineDue forecastDue percentComplete unit { code } program { code }
      history { totalCount edges { cursor } } escalations { reason level state ageDays waitingUnits }
    } }`,
      { id: seen[0].id },
    );
    expect(r.data!.milestone).toEqual({
      key: 'LAND-C-02',
      status: 'IN_PROGRESS',
      health: 'LATE',
      daysLate: 61,
      baselineDue: '2019-12-31',
      forecastDue: '2020-03-31',
      percentComplete: 80,
      unit: { code: 'BTNMT' },
      program: { code: 'LAND' },
      // the ministry's one report, of 2020-02 (the demo's history)
      history: { totalCount: 1, edges: [{ cursor: expect.any(String) }] },
      escalations: expect.any(Array),
    });
    // Late 61 days, with the provinces that have not started waiting on it: the minister's desk.
    const [{ waiting }] = await sql<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       WHERE pi.key = 'LAND-P-01' AND m.status NOT IN ('DONE', 'CANCELLED')`,
    );
    expect(waiting).toBeGreaterThan(5);
    expect(r.data!.milestone.escalations).toEqual([
      {
        reason: 'DEPENDENCY_LATE',
        level: 'MINISTER',
        state: 'OPEN',
        ageDays: 61,
        waitingUnits: waiting,
      },
      { reason: 'OVERDUE', level: 'MINISTER', state: 'OPEN', ageDays: 61, waitingUnits: 0 },
      // forecast 2020-03-31 is 91 days after the baseline
      { reason: 'FORECAST_SLIP', level: 'MINISTRY', state: 'OPEN', ageDays: 91, waitingUnits: 0 },
    ]);
    // LAND-P-01 depends on the late standard: not done means LATE (past its own date) or BLOCKED
    const p01 = await walk({ programCode: 'LAND', search: 'khoi dong trien khai' }, 100);
    expect(p01.seen).toHaveLength(63);
    for (const m of p01.seen) {
      const expected = m.status === 'DONE' ? 'DONE' : m.status === 'BLOCKED' ? 'BLOCKED' : 'LATE';
      expect(m.health).toBe(expected);
    }
    expect(p01.seen.filter((m) => m.health === 'LATE').length).toBeGreaterThan(0);
  });

  it('caps first and refuses a cursor it did not issue', async () => {
    expect(errorCode(await sut.gql(PAGE, { first: 201 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await sut.gql(PAGE, { first: -1 }))).toBe('BAD_USER_INPUT');
    const bad = await sut.gql(PAGE, { first: 5, after: 'not-a-cursor' });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('after');
  });

  it('answers null for an unknown or malformed milestone id', async () => {
    const r = await sut.gql(
      `{ a: milestone(id: "00000000-0000-0000-0000-000000000000") { id } b: milestone(id: "x'; drop table milestone; --") { id } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ a: null, b: null });
  });
});
