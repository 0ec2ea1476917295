import { EscalationLevel } from '@tracker/domain';
import { EscalationEngine } from '../apps/central/src/escalations/escalation-engine';
import { sql } from './support/database';
import { demoCentral, errorCode, roles, startTestCentral } from './support/central';
import { ACK, findOne, leader } from './support/escalations';
import { landUpdate, PUSH } from './support/updates';

/** How escalations open, rise, re-open and resolve by themselves as reports, clocks and policies change. */
describe('escalations: their lifecycle', () => {
  // Fresh demo data for every test: each changes the escalations, or wipes and rebuilds them.
  const sut = demoCentral('per-test');

  it('a report that clears the condition resolves the escalation by itself, saying so', async () => {
    const target = await findOne(`u.code = '06' AND pi.key = 'LAND-P-01' AND e.reason = 'OVERDUE'`);
    expect(target).toBeDefined();
    const r = await sut.gql(
      PUSH,
      {
        updates: [landUpdate('06', 1, { key: 'LAND-P-01', status: 'DONE', percentComplete: 100 })],
      },
      sut.token(roles.provinceNode('06')),
    );
    expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
    await sut.escalationsSettled();
    const [row] = await sql<{ state: string; resolution: string; note: string }>(
      `SELECT state, resolution, note FROM escalation WHERE id = $1`,
      [target.id],
    );
    expect(row).toEqual({
      state: 'RESOLVED',
      resolution: 'AUTO',
      note: 'Resolved automatically: the milestone is no longer late.',
    });
  });

  it('a BLOCKED report opens an escalation aged from the report that set it; a later clock raises and re-opens it', async () => {
    const token = sut.token(roles.provinceNode('01'));
    const r = await sut.gql(
      PUSH,
      {
        updates: [
          landUpdate('01', 1, {
            key: 'LAND-P-02',
            status: 'BLOCKED',
            blocker: 'Chưa có kinh phí',
            reportedAt: '2020-02-20T09:00:00+07:00',
          }),
        ],
      },
      token,
    );
    expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
    await sut.escalationsSettled();
    const blocked = await findOne(
      `u.code = '01' AND pi.key = 'LAND-P-02' AND e.reason = 'BLOCKED'`,
    );
    // blocked on 2020-02-20, today 2020-03-01: 10 days → UNIT_LEADERSHIP (from 7)
    expect(blocked.level).toBe('UNIT_LEADERSHIP');
    await sut.gql(
      ACK,
      { id: blocked.id },
      sut.token(leader(EscalationLevel.UNIT_LEADERSHIP, '01')),
    );

    // Twelve days on (a second instance on the same database, its clock later): 22 days → MINISTRY, re-opened.
    const later = await startTestCentral({ keepData: true, clockNow: '2020-03-13T00:00:00Z' });
    try {
      const [row] = await sql<{ state: string; level: string; age_days: number }>(
        `SELECT state, level, age_days FROM escalation WHERE id = $1`,
        [blocked.id],
      );
      expect(row).toEqual({ state: 'OPEN', level: 'MINISTRY', age_days: 22 });
      const events = await sql<{ kind: string; level: string }>(
        `SELECT kind, level FROM escalation_event WHERE escalation_id = $1 ORDER BY id`,
        [blocked.id],
      );
      expect(events.map((e) => e.kind)).toEqual(['OPENED', 'ACKNOWLEDGED', 'REOPENED']);
    } finally {
      await later.stop();
    }
  });

  it('two instances evaluating at once leave one live escalation per milestone and reason', async () => {
    const other = await startTestCentral({ keepData: true });
    try {
      // Wipe and let both rebuild at the same time.
      await sql(`DELETE FROM escalation_event`);
      await sql(`DELETE FROM escalation`);
      const engines = [
        sut.running.app.get(EscalationEngine),
        other.running.app.get(EscalationEngine),
      ];
      await Promise.all([...engines, ...engines].map((e) => e.evaluate(null)));
      const [{ dupes }] = await sql<{ dupes: number }>(
        `SELECT count(*)::int AS dupes FROM (SELECT milestone_id, reason FROM escalation WHERE state <> 'RESOLVED'
         GROUP BY milestone_id, reason HAVING count(*) > 1) d`,
      );
      expect(dupes).toBe(0);
      const [{ live }] = await sql<{ live: number }>(
        `SELECT count(*)::int AS live FROM escalation WHERE state <> 'RESOLVED'`,
      );
      expect(live).toBeGreaterThan(50);
      const [{ opened }] = await sql<{ opened: number }>(
        `SELECT count(*)::int AS opened FROM escalation_event WHERE kind = 'OPENED'`,
      );
      expect(opened).toBe(live);
    } finally {
      await other.stop();
    }
  });

  it('a program may override its thresholds; the escalations follow at once', async () => {
    const SET = `mutation($p: EscalationPolicyInput!) { setEscalationPolicy(programCode: "LAND", policy: $p) { code } }`;
    const target = await findOne(`u.code = '06' AND pi.key = 'LAND-P-01' AND e.reason = 'OVERDUE'`);
    expect(target.level).toBe('UNIT_LEADERSHIP');

    const refusedRole = await sut.gql(
      SET,
      { p: { overdue: [{ days: 1, level: 'MINISTRY' }] } },
      sut.token(roles.observer),
    );
    expect(errorCode(refusedRole)).toBe('FORBIDDEN');
    const falling = await sut.gql(SET, {
      p: {
        overdue: [
          { days: 10, level: 'MINISTRY' },
          { days: 5, level: 'MINISTER' },
        ],
      },
    });
    expect(falling.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'escalationPolicy.overdue',
    });
    const [{ policy: untouched }] = await sql<{ policy: unknown }>(
      `SELECT escalation_policy AS policy FROM program WHERE code = 'LAND'`,
    );
    expect(untouched).toBeNull();

    const ok = await sut.gql(SET, { p: { overdue: [{ days: 1, level: 'MINISTRY' }] } });
    expect(ok.errors).toBeUndefined();
    const [row] = await sql<{ level: string; policy: unknown }>(
      `SELECT e.level, p.escalation_policy AS policy FROM escalation e JOIN milestone m ON m.id = e.milestone_id
       JOIN program p ON p.id = m.program_id WHERE e.id = $1`,
      [target.id],
    );
    expect(row).toEqual({
      level: 'MINISTRY',
      policy: { overdue: [{ days: 1, level: 'MINISTRY' }] },
    });
  });
});
