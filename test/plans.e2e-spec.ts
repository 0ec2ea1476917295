import { sql } from './support/database';
import { errorCode, roles, startTestCentral, TestCentral } from './support/central';

const CREATE = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { code name model planVersion targetDate owner { code } } }`;
const PUBLISH = `mutation($input: PublishPlanInput!) { publishPlan(input: $input) {
  code planVersion plan { key title scope baselineDue weight dependsOn } progress { total }
} }`;

interface Item {
  key: string;
  title: string;
  scope: 'CENTRAL' | 'PROVINCE';
  baselineDue: string;
  weight?: number;
  dependsOn?: string[];
}

const item = (key: string, over: Partial<Item> = {}): Item => ({
  key,
  title: `Hạng mục ${key}`,
  scope: 'PROVINCE',
  baselineDue: '2020-06-30',
  ...over,
});

/** Milestones of the program by key → count and statuses, read from the table. */
async function milestonesOf(programCode: string) {
  return sql<{ key: string; status: string; n: number; baseline_due: string }>(
    `SELECT pi.key, m.status, pi.baseline_due, count(*)::int AS n
     FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
     WHERE p.code = $1 GROUP BY pi.key, m.status, pi.baseline_due ORDER BY pi.key, m.status`,
    [programCode],
  );
}

describe('plans: createProgram and publishPlan', () => {
  let sut: TestCentral;
  let n = 0;
  let code: string;

  beforeAll(async () => {
    sut = await startTestCentral();
  });

  afterAll(async () => {
    await sut.stop();
  });

  // Fresh program per test: no test depends on another's plan.
  beforeEach(async () => {
    n += 1;
    code = `TEST_${n}`;
    const r = await sut.gql(CREATE, {
      input: {
        code,
        name: ' Chương trình thử nghiệm ',
        ownerCode: 'BTNMT',
        model: 'FEDERATED',
        targetDate: '2020-12-31',
      },
    });
    expect(r.errors).toBeUndefined();
  });

  const publish = (expectedVersion: number, items: Item[], programCode = code, token?: string) =>
    sut.gql(PUBLISH, { input: { programCode, expectedVersion, items } }, token);

  it('creates a program at planVersion 0, name normalised', async () => {
    const r = await sut.gql(
      `query($c: ID!) { program(code: $c) { code name model planVersion targetDate owner { code } plan { key } } }`,
      { c: code },
    );
    expect(r.data!.program).toEqual({
      code,
      name: 'Chương trình thử nghiệm',
      model: 'FEDERATED',
      planVersion: 0,
      targetDate: '2020-12-31',
      owner: { code: 'BTNMT' },
      plan: [],
    });
  });

  it('refuses an existing code, a province as owner and a bad code, with the field', async () => {
    const dup = await sut.gql(CREATE, {
      input: { code, name: 'x', ownerCode: 'BTNMT', model: 'CENTRALIZED' },
    });
    expect(errorCode(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('code');
    const owner = await sut.gql(CREATE, {
      input: { code: `${code}_B`, name: 'x', ownerCode: '01', model: 'CENTRALIZED' },
    });
    expect(owner.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ownerCode' });
    const lower = await sut.gql(CREATE, {
      input: { code: 'land', name: 'x', ownerCode: 'BTNMT', model: 'CENTRALIZED' },
    });
    expect(lower.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
    const [{ c }] = await sql<{ c: number }>(
      `SELECT count(*)::int AS c FROM program WHERE code IN ($1, 'land')`,
      [`${code}_B`],
    );
    expect(c).toBe(0);
  });

  it('publish creates one milestone per province for PROVINCE items and one for the owner for CENTRAL', async () => {
    const r = await publish(0, [
      item('C-1', { scope: 'CENTRAL', baselineDue: '2019-12-31' }),
      item('P-1', { dependsOn: ['C-1'], weight: 2 }),
    ]);
    expect(r.errors).toBeUndefined();
    expect(r.data!.publishPlan.planVersion).toBe(1);
    expect(r.data!.publishPlan.plan[1]).toEqual({
      key: 'P-1',
      title: 'Hạng mục P-1',
      scope: 'PROVINCE',
      baselineDue: '2020-06-30',
      weight: 2,
      dependsOn: ['C-1'],
    });
    expect(r.data!.publishPlan.progress.total).toBe(64);
    const owners = await sql<{ code: string }>(
      `SELECT u.code FROM milestone m JOIN unit u ON u.id = m.unit_id JOIN plan_item pi ON pi.id = m.plan_item_id
       JOIN program p ON p.id = m.program_id WHERE p.code = $1 AND pi.key = 'C-1'`,
      [code],
    );
    expect(owners).toEqual([{ code: 'BTNMT' }]);
    const versions = await sql(
      `SELECT version, published_by FROM plan_version pv JOIN program p ON p.id = pv.program_id WHERE p.code = $1`,
      [code],
    );
    expect(versions).toEqual([{ version: 1, published_by: 'pmo' }]);
  });

  it('republish keeps unchanged keys with their reported state, moves changed dates, cancels removed keys', async () => {
    await publish(0, [item('KEEP'), item('MOVE'), item('DROP')]);
    // a province reported on KEEP in the meantime
    await sql(
      `UPDATE milestone m SET status = 'IN_PROGRESS', percent_complete = 40, version = 7
       FROM plan_item pi, program p, unit u
       WHERE m.plan_item_id = pi.id AND pi.program_id = p.id AND p.code = $1 AND pi.key = 'KEEP' AND m.unit_id = u.id AND u.code = '01'`,
      [code],
    );
    const idsBefore = await sql<{ id: string; key: string }>(
      `SELECT m.id, pi.key FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id WHERE p.code = $1`,
      [code],
    );

    const r = await publish(1, [
      item('KEEP'),
      item('MOVE', { baselineDue: '2020-09-30' }),
      item('NEW'),
    ]);
    expect(r.errors).toBeUndefined();
    expect(r.data!.publishPlan.planVersion).toBe(2);
    expect(r.data!.publishPlan.plan.map((i: { key: string }) => i.key)).toEqual([
      'KEEP',
      'MOVE',
      'NEW',
    ]);

    expect(await milestonesOf(code)).toEqual([
      { key: 'DROP', status: 'CANCELLED', baseline_due: '2020-06-30', n: 63 },
      { key: 'KEEP', status: 'IN_PROGRESS', baseline_due: '2020-06-30', n: 1 },
      { key: 'KEEP', status: 'NOT_STARTED', baseline_due: '2020-06-30', n: 62 },
      { key: 'MOVE', status: 'NOT_STARTED', baseline_due: '2020-09-30', n: 63 },
      { key: 'NEW', status: 'NOT_STARTED', baseline_due: '2020-06-30', n: 63 },
    ]);
    // kept and moved milestones are the same rows; the reported state survived
    const idsAfter = await sql<{
      id: string;
      key: string;
      percent_complete: number;
      version: number;
    }>(
      `SELECT m.id, pi.key, m.percent_complete, m.version FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       JOIN program p ON p.id = m.program_id WHERE p.code = $1`,
      [code],
    );
    const after = new Set(idsAfter.map((x) => x.id));
    expect(idsBefore.every((x) => after.has(x.id))).toBe(true);
    expect(idsAfter.filter((x) => x.version === 7)).toEqual([
      expect.objectContaining({ key: 'KEEP', percent_complete: 40 }),
    ]);
    // CANCELLED counts in no roll-up: 3 live items × 63
    expect(r.data!.publishPlan.progress.total).toBe(189);
  });

  it('a removed key published again gets its milestones back with their state', async () => {
    await publish(0, [item('A'), item('B')]);
    await sql(
      `UPDATE milestone m SET status = 'IN_PROGRESS', percent_complete = 30
       FROM plan_item pi, program p WHERE m.plan_item_id = pi.id AND pi.program_id = p.id AND p.code = $1 AND pi.key = 'B'`,
      [code],
    );
    await publish(1, [item('A')]);
    expect((await milestonesOf(code)).find((x) => x.key === 'B')).toMatchObject({
      status: 'CANCELLED',
      n: 63,
    });
    const r = await publish(2, [item('A'), item('B')]);
    expect(r.errors).toBeUndefined();
    expect((await milestonesOf(code)).filter((x) => x.key === 'B')).toEqual([
      { key: 'B', status: 'IN_PROGRESS', baseline_due: '2020-06-30', n: 63 },
    ]);
  });

  it('refuses a stale expectedVersion and changes nothing', async () => {
    await publish(0, [item('A')]);
    const before = await milestonesOf(code);
    const r = await publish(0, [item('A', { baselineDue: '2021-01-01' }), item('B')]);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('expectedVersion');
    expect(r.errors![0].message).toMatch(/version 1, not 0/);
    expect(await milestonesOf(code)).toEqual(before);
    const [{ plan_version }] = await sql<{ plan_version: number }>(
      `SELECT plan_version FROM program WHERE code = $1`,
      [code],
    );
    expect(plan_version).toBe(1);
  });

  it('of two concurrent publishes against the same version, exactly one wins', async () => {
    const results = await Promise.all([publish(0, [item('X')]), publish(0, [item('Y')])]);
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(errorCode(results.find((r) => r.errors)!)).toBe('BAD_USER_INPUT');
    const keys = (await milestonesOf(code)).map((m) => m.key);
    expect(keys).toHaveLength(1);
  });

  it.each<[string, Item[], string]>([
    ['an unknown dependency', [item('A', { dependsOn: ['Z'] })], 'items[0].dependsOn'],
    [
      'a cycle',
      [item('A', { dependsOn: ['B'] }), item('B', { dependsOn: ['A'] })],
      'items[0].dependsOn',
    ],
    ['a duplicate key', [item('A'), item('A')], 'items[1].key'],
    ['an impossible date', [item('A', { baselineDue: '2019-02-30' })], 'items[0].baselineDue'],
    ['a zero weight', [item('A', { weight: 0 })], 'items[0].weight'],
    ['an empty title', [item('A', { title: '   ' })], 'items[0].title'],
    [
      'a central item on a province item',
      [item('P'), item('C', { scope: 'CENTRAL', dependsOn: ['P'] })],
      'items[1].dependsOn',
    ],
  ])('refuses %s with the field, changing nothing', async (_name, items, field) => {
    const r = await publish(0, items);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(await milestonesOf(code)).toEqual([]);
  });

  it('refuses a key that changes scope', async () => {
    await publish(0, [item('A')]);
    const r = await publish(1, [item('A', { scope: 'CENTRAL' })]);
    expect(r.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'items[0].scope' });
  });

  it('answers NOT_FOUND for an unknown program', async () => {
    expect(errorCode(await publish(0, [item('A')], 'NO_SUCH_PROGRAM'))).toBe('NOT_FOUND');
  });

  it.each([
    ['an observer', roles.observer],
    ['a minister', roles.minister],
    ['a province node', roles.provinceNode('01')],
    ['an agency', roles.agency('BTNMT')],
  ])('refuses %s: FORBIDDEN, nothing changed', async (_name, role) => {
    const token = sut.token(role);
    const r = await publish(0, [item('A')], code, token);
    expect(errorCode(r)).toBe('FORBIDDEN');
    const c = await sut.gql(
      CREATE,
      { input: { code: `${code}_X`, name: 'x', ownerCode: 'BTNMT', model: 'CENTRALIZED' } },
      token,
    );
    expect(errorCode(c)).toBe('FORBIDDEN');
    expect(await milestonesOf(code)).toEqual([]);
    expect(await sql(`SELECT 1 FROM program WHERE code = $1`, [`${code}_X`])).toEqual([]);
  });
});
