import { computeHealth, Health, MilestoneState, MilestoneStatus as S } from '@tracker/domain';
import { sql } from './support/database';
import { startTestCentral, TestCentral } from './support/central';

/**
 * Health is computed in SQL (so the API can filter and page by it) and in the
 * domain library (for the rules' unit tests and the engines). This runs both
 * over the same cases and demands the same answer.
 */
describe('health in SQL agrees with the domain rules', () => {
  let sut: TestCentral;
  const today = '2020-03-01';

  beforeAll(async () => {
    sut = await startTestCentral({ clockNow: `${today}T00:00:00Z` });
  });

  afterAll(async () => {
    await sut.stop();
  });

  const statuses = [S.NOT_STARTED, S.IN_PROGRESS, S.BLOCKED, S.DONE, S.CANCELLED];
  const baselines = ['2020-02-29', '2020-03-01', '2020-06-30'];
  const forecasts = [null, '2020-06-30', '2020-07-01'];
  // the central dependency's state: none of trouble, LATE, BLOCKED, DONE long ago, CANCELLED
  const deps: MilestoneState[] = [
    { status: S.IN_PROGRESS, baselineDue: '2020-12-31' },
    { status: S.IN_PROGRESS, baselineDue: '2020-01-31' },
    { status: S.BLOCKED, baselineDue: '2020-12-31' },
    { status: S.DONE, baselineDue: '2019-01-01', completedOn: '2019-06-01' },
    { status: S.CANCELLED, baselineDue: '2019-01-01' },
  ];

  it('for every combination of status, baseline, forecast and dependency state', async () => {
    const cases: { program: string; dep: MilestoneState; m: MilestoneState; expected: Health }[] =
      [];
    deps.forEach((dep, d) => {
      let i = 0;
      for (const status of statuses) {
        for (const baselineDue of baselines) {
          for (const forecastDue of forecasts) {
            const m: MilestoneState = {
              status,
              baselineDue,
              forecastDue,
              completedOn: status === S.DONE ? '2020-02-01' : null,
            };
            cases.push({ program: `HC_${d}`, dep, m, expected: computeHealth(m, today, [dep]) });
            i += 1;
          }
        }
      }
      expect(i).toBe(45);
    });

    // One program per dependency state: a central dependency and 45 dependants, all owned by BTNMT.
    for (let d = 0; d < deps.length; d += 1) {
      const create = await sut.gql(
        `mutation($i: CreateProgramInput!) { createProgram(input: $i) { code } }`,
        {
          i: {
            code: `HC_${d}`,
            name: `Health case ${d}`,
            ownerCode: 'BTNMT',
            model: 'CENTRALIZED',
          },
        },
      );
      expect(create.errors).toBeUndefined();
      const own = cases.filter((c) => c.program === `HC_${d}`);
      const items = [
        { key: 'DEP', title: 'dependency', scope: 'CENTRAL', baselineDue: deps[d].baselineDue },
        ...own.map((c, i) => ({
          key: `M${i}`,
          title: `case ${i}`,
          scope: 'CENTRAL',
          baselineDue: c.m.baselineDue,
          dependsOn: ['DEP'],
        })),
      ];
      const pub = await sut.gql(
        `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
        {
          i: { programCode: `HC_${d}`, expectedVersion: 0, items },
        },
      );
      expect(pub.errors).toBeUndefined();
      const states = [{ key: 'DEP', ...deps[d] }, ...own.map((c, i) => ({ key: `M${i}`, ...c.m }))];
      await sql(
        `UPDATE milestone m SET status = x.status, forecast_due = x."forecastDue", completed_on = x."completedOn",
                percent_complete = CASE WHEN x.status = 'DONE' THEN 100 ELSE 10 END
         FROM jsonb_to_recordset($2::jsonb) AS x(key text, status text, "forecastDue" date, "completedOn" date), plan_item pi, program p
         WHERE p.code = $1 AND pi.program_id = p.id AND pi.key = x.key AND m.plan_item_id = pi.id`,
        [`HC_${d}`, JSON.stringify(states)],
      );
    }

    const got = new Map<string, string>();
    for (let d = 0; d < deps.length; d += 1) {
      const r = await sut.gql(
        `query($p: ID!) { milestones(filter: { programCode: $p, search: "case" }, first: 50) { totalCount edges { node { title health } } } }`,
        { p: `HC_${d}` },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.milestones.totalCount).toBe(45);
      for (const e of r.data!.milestones.edges) got.set(`HC_${d}/${e.node.title}`, e.node.health);
    }
    expect(got.size).toBe(cases.length);
    const mismatches = cases
      .map((c, i) => ({ ...c, title: `case ${i % 45}` }))
      .filter((c) => got.get(`${c.program}/${c.title}`) !== c.expected)
      .map((c) => ({
        m: c.m,
        dep: c.dep,
        expected: c.expected,
        got: got.get(`${c.program}/${c.title}`),
      }));
    expect(mismatches).toEqual([]);
    // the table covers every health value
    expect(new Set(cases.map((c) => c.expected))).toEqual(new Set(Object.values(Health)));
  });
});
