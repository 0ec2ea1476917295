import { demoCentral } from './support/central';

/**
 * The overviews over real HTTP, against the 2020 demo data at CLOCK_NOW=2020-03-01:
 * units, a program with its province board, the national dashboard and sync status.
 */
describe('central read API: overviews (demo data, 2020-03-01)', () => {
  const sut = demoCentral('per-file');

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
