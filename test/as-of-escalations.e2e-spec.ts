import { startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';

/**
 * The national dashboard as of a past day counts the escalations open at its end,
 * at the level they then had, from their events: one OVERDUE escalation opened on
 * 02-13 at DEPARTMENT, raised on 02-16, resolved on 02-19; one BLOCKED opened at
 * 00:30 on 02-19 in Hà Nội (still 02-18 in UTC) at MINISTRY and never resolved.
 */
describe('escalations on the dashboard as of a past day', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ clockNow: '2020-03-01T03:00:00Z' });
    const r = await sut.gql(`mutation {
      createProgram(input: { code: "ESC", name: "Escalated", ownerCode: "BTNMT", model: CENTRALIZED }) { code }
      publishPlan(input: { programCode: "ESC", expectedVersion: 0,
        items: [{ key: "C1", title: "Central", scope: CENTRAL, baselineDue: "2020-02-10" }] }) { planVersion }
    }`);
    expect(r.errors).toBeUndefined();
    await sql(`UPDATE plan_version SET published_at = '2020-01-10T09:00:00+07:00'`);
    const escalation = async (reason: string, resolvedAt: string | null, events: string[][]) => {
      const [e] = await sql<{ id: string }>(
        `INSERT INTO escalation (milestone_id, reason, level, state, age_days, opened_at, resolved_at, resolution)
         SELECT m.id, $1, $2, CASE WHEN $3::timestamptz IS NULL THEN 'OPEN' ELSE 'RESOLVED' END, 1, $4,
           $3::timestamptz, CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE 'MANUAL' END
         FROM milestone m RETURNING id`,
        [reason, events.at(-1)![2], resolvedAt, events[0][1]],
      );
      for (const [kind, at, level] of events)
        await sql(
          `INSERT INTO escalation_event (escalation_id, at, kind, level, actor) VALUES ($1, $2, $3, $4, 'test')`,
          [e.id, at, kind, level],
        );
    };
    await escalation('OVERDUE', '2020-02-19T09:00:00+07:00', [
      ['OPENED', '2020-02-13T09:00:00+07:00', 'DEPARTMENT'],
      ['ROSE', '2020-02-16T09:00:00+07:00', 'UNIT_LEADERSHIP'],
      ['RESOLVED', '2020-02-19T09:00:00+07:00', 'UNIT_LEADERSHIP'],
    ]);
    await escalation('BLOCKED', null, [['OPENED', '2020-02-19T00:30:00+07:00', 'MINISTRY']]);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  async function open(asOf: string) {
    const r = await sut.gql(
      `query($d: Date) { nationalDashboard(asOf: $d) {
        programs { openEscalations } escalationsByLevel { level count } } }`,
      { d: asOf },
    );
    expect(r.errors).toBeUndefined();
    const d = r.data!.nationalDashboard;
    const levels = (d.escalationsByLevel as { level: string; count: number }[])
      .filter((l) => l.count > 0)
      .map((l) => `${l.level} ${l.count}`);
    return { program: d.programs[0].openEscalations, levels };
  }

  it('counts what was open at the end of each day, at its level then', async () => {
    expect(await open('2020-02-12')).toEqual({ program: 0, levels: [] });
    expect(await open('2020-02-13')).toEqual({ program: 1, levels: ['DEPARTMENT 1'] });
    expect(await open('2020-02-17')).toEqual({ program: 1, levels: ['UNIT_LEADERSHIP 1'] });
    expect(await open('2020-02-18')).toEqual({ program: 1, levels: ['UNIT_LEADERSHIP 1'] });
    expect(await open('2020-02-19')).toEqual({ program: 1, levels: ['MINISTRY 1'] });
  });
});
