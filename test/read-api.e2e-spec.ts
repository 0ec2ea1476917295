import { Health, MilestoneStatus } from '@tracker/domain';
import { sql } from './support/database';
import { errorCode, startTestCentral, TestCentral } from './support/central';

/**
 * The read side of the contract over real HTTP, against the 2020 demo data at
 * CLOCK_NOW=2020-03-01. Expected figures are computed from the tables here, not
 * copied from the API, so a wrong roll-up cannot agree with itself.
 */
describe('central read API (demo data, 2020-03-01)', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
  });

  afterAll(async () => {
    await sut.stop();
  });

  const PAGE = `query Page($filter: MilestoneFilter, $first: Int, $after: String) {
    milestones(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id key status health daysLate unit { code name } program { code } } }
    }
  }`;

  async function walk(filter: Record<string, unknown>, first: number) {
    const seen: { id: string; key: string; unit: string; health: string; status: string }[] = [];
    let after: string | undefined;
    let totalCount = -1;
    for (let page = 0; page < 100; page += 1) {
      const r = await sut.gql(PAGE, { filter, first, after });
      expect(r.errors).toBeUndefined();
      const conn = r.data!.milestones;
      totalCount = conn.totalCount;
      for (const e of conn.edges) {
        seen.push({
          id: e.node.id,
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
    return { seen, totalCount };
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
    for (const health of [Health.LATE, Health.BLOCKED, Health.AT_RISK]) {
      const { seen, totalCount } = await walk({ health: [health] }, 7);
      expect(seen.length).toBe(totalCount);
      expect(seen.every((s) => s.health === health)).toBe(true);
      expect(totalCount).toBeGreaterThan(0);
    }
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

  it('units: kind, diacritic-insensitive search and asOf', async () => {
    const r = await sut.gql(`{
      provinces: units(kind: PROVINCE) { code }
      agencies: units(kind: CENTRAL_AGENCY) { code name }
      hanoi: units(search: "ha noi") { code name kind }
      upper: units(search: "HÀ NỘI") { code }
      hue: units(search: "thua thien") { code name }
      code: unit(code: "79") { name kind validFrom validTo successor { code } }
      missing: unit(code: "99") { name }
      before: units(asOf: "2019-01-01", kind: PROVINCE) { code }
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.provinces).toHaveLength(63);
    expect(r.data!.provinces[0].code).toBe('01');
    expect(r.data!.agencies.map((a: { code: string }) => a.code).sort()).toEqual(
      ['BCA', 'BHXH', 'BKHDT', 'BTNMT', 'BTP', 'BTTTT', 'VPCP'].sort(),
    );
    expect(r.data!.hanoi).toEqual([{ code: '01', name: 'Hà Nội', kind: 'PROVINCE' }]);
    expect(r.data!.upper).toEqual([{ code: '01' }]);
    expect(r.data!.hue).toEqual([{ code: '46', name: 'Thừa Thiên Huế' }]);
    expect(r.data!.code).toEqual({
      name: 'Hồ Chí Minh',
      kind: 'PROVINCE',
      validFrom: null,
      validTo: null,
      successor: null,
    });
    expect(r.data!.missing).toBeNull();
    expect(r.data!.before).toHaveLength(63);
  });

  it('program: plan, progress and a province board of 63 rows in code order', async () => {
    const r = await sut.gql(`{
      program(code: "LAND") {
        code name model planVersion targetDate owner { code }
        plan { key scope baselineDue weight dependsOn }
        progress { total done late blocked atRisk onTrack percentComplete onTimeRate }
        provinceBoard { unit { code name } health progress { total } lastSyncAt }
      }
      population: program(code: "POPULATION") { provinceBoard { unit { code } } progress { late } }
      none: program(code: "NOPE") { code }
    }`);
    expect(r.errors).toBeUndefined();
    const land = r.data!.program;
    expect(land).toMatchObject({
      code: 'LAND',
      model: 'FEDERATED',
      planVersion: 1,
      owner: { code: 'BTNMT' },
    });
    expect(land.plan.map((i: { key: string }) => i.key)).toEqual([
      'LAND-C-01',
      'LAND-C-02',
      'LAND-C-03',
      'LAND-P-01',
      'LAND-P-02',
      'LAND-P-03',
      'LAND-P-04',
    ]);
    expect(land.plan[3]).toEqual({
      key: 'LAND-P-01',
      scope: 'PROVINCE',
      baselineDue: '2020-02-15',
      weight: 1,
      dependsOn: ['LAND-C-01', 'LAND-C-02'],
    });
    // 3 central + 4 × 63 province milestones
    expect(land.progress.total).toBe(255);
    const p = land.progress;
    expect(p.done + p.late + p.blocked + p.atRisk + p.onTrack).toBe(255);
    expect(land.provinceBoard).toHaveLength(63);
    const codes = land.provinceBoard.map((row: { unit: { code: string } }) => row.unit.code);
    expect(codes).toEqual([...codes].sort());
    expect(
      land.provinceBoard.every((row: { progress: { total: number } }) => row.progress.total === 4),
    ).toBe(true);
    // the demo's believable spread: every kind of row is on the board
    const healths = new Set(land.provinceBoard.map((row: { health: string }) => row.health));
    expect(healths).toEqual(new Set(['ON_TRACK', 'AT_RISK', 'LATE', 'BLOCKED']));
    // Hà Nội is ahead
    expect(land.provinceBoard[0]).toMatchObject({
      unit: { code: '01', name: 'Hà Nội' },
      health: 'ON_TRACK',
    });
    expect(r.data!.population.provinceBoard).toEqual([]);
    expect(r.data!.population.progress.late).toBe(1);
    expect(r.data!.none).toBeNull();
  });

  it("a board row lists its province's milestones, and the dashboard's rows those of every program", async () => {
    const r = await sut.gql(`{
      program(code: "LAND") { provinceBoard { unit { code } health milestones { key unit { code } program { code } health } } }
      nationalDashboard { laggingProvinces(first: 2) { unit { code } progress { total } milestones { key program { code } unit { code } status } } }
    }`);
    expect(r.errors).toBeUndefined();
    const board = r.data!.program.provinceBoard as {
      unit: { code: string };
      health: string;
      milestones: {
        key: string;
        unit: { code: string };
        program: { code: string };
        health: string;
      }[];
    }[];
    expect(board).toHaveLength(63);
    for (const row of board) {
      expect(row.milestones.map((m) => m.key)).toEqual([
        'LAND-P-01',
        'LAND-P-02',
        'LAND-P-03',
        'LAND-P-04',
      ]);
      expect(new Set(row.milestones.map((m) => `${m.program.code}/${m.unit.code}`))).toEqual(
        new Set([`LAND/${row.unit.code}`]),
      );
    }
    // the row's health is its worst milestone's
    const blockedRow = board.find((row) => row.health === 'BLOCKED')!;
    expect(blockedRow.milestones.some((m) => m.health === 'BLOCKED')).toBe(true);

    const lagging = r.data!.nationalDashboard.laggingProvinces as {
      unit: { code: string };
      progress: { total: number };
      milestones: {
        key: string;
        program: { code: string };
        unit: { code: string };
        status: string;
      }[];
    }[];
    expect(lagging).toHaveLength(2);
    for (const row of lagging) {
      const counted = row.milestones.filter((m) => m.status !== 'CANCELLED');
      expect(counted).toHaveLength(row.progress.total);
      expect(row.milestones.every((m) => m.unit.code === row.unit.code)).toBe(true);
      const order = row.milestones.map((m) => `${m.program.code}/${m.key}`);
      expect(order).toEqual([...order].sort());
      // more than one program reports per province (LAND and CIVIL_STATUS are federated)
      expect(new Set(row.milestones.map((m) => m.program.code)).size).toBeGreaterThan(1);
    }
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
      history: { totalCount: 0, edges: [] },
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

  it('nationalDashboard: five programs, levels, provinces worst first', async () => {
    const r = await sut.gql(`{ nationalDashboard {
      asOf
      programs { program { code } health openEscalations progress { total late blocked } }
      escalationsByLevel { level count }
      laggingProvinces(first: 63) { unit { code } health progress { late blocked total } }
      top3: laggingProvinces(first: 3) { unit { code } }
    } }`);
    expect(r.errors).toBeUndefined();
    const d = r.data!.nationalDashboard;
    expect(d.asOf).toBe('2020-03-01');
    expect(d.programs.map((p: { program: { code: string } }) => p.program.code)).toEqual([
      'CIVIL_STATUS',
      'ENTERPRISE',
      'LAND',
      'POPULATION',
      'SOCIAL_INSURANCE',
    ]);
    const health = Object.fromEntries(
      d.programs.map((p: { program: { code: string }; health: string }) => [
        p.program.code,
        p.health,
      ]),
    );
    expect(health.POPULATION).toBe('LATE');
    expect(health.ENTERPRISE).toBe('ON_TRACK');
    expect(d.escalationsByLevel.map((l: { level: string }) => l.level)).toEqual([
      'DEPARTMENT',
      'UNIT_LEADERSHIP',
      'MINISTRY',
      'MINISTER',
      'GOVERNMENT',
    ]);
    const rows = d.laggingProvinces;
    expect(rows).toHaveLength(63);
    const trouble = rows.map(
      (row: { progress: { late: number; blocked: number } }) =>
        row.progress.late + row.progress.blocked,
    );
    expect(trouble).toEqual([...trouble].sort((a: number, b: number) => b - a));
    expect(trouble[0]).toBeGreaterThan(0);
    expect(rows.every((row: { progress: { total: number } }) => row.progress.total === 6)).toBe(
      true,
    );
    expect(d.top3.map((x: { unit: { code: string } }) => x.unit.code)).toEqual(
      rows.slice(0, 3).map((x: { unit: { code: string } }) => x.unit.code),
    );
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

  it('syncStatus lists every province, none synced yet', async () => {
    const r = await sut.gql(
      `{ syncStatus { unit { code } lastSyncAt highestSeq appliedCount rejectedCount } }`,
    );
    expect(r.data!.syncStatus).toHaveLength(63);
    expect(r.data!.syncStatus[0]).toEqual({
      unit: { code: '01' },
      lastSyncAt: null,
      highestSeq: 0,
      appliedCount: 0,
      rejectedCount: 0,
    });
  });

  it('GET /health answers ok', async () => {
    const res = await fetch(`${sut.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
