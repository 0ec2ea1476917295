import { EscalationLevel, Role } from '@tracker/domain';
import { EscalationEngine } from '../apps/central/src/escalations/escalation-engine';
import { sql } from './support/database';
import { errorCode, roles, startTestCentral, TestCentral } from './support/central';
import { landUpdate, PUSH } from './support/updates';

const QUEUE = `query($filter: EscalationFilter, $first: Int, $after: String) {
  escalations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id level reason state ageDays waitingUnits note acknowledgedBy
      milestone { key unit { code } program { code } } } }
  }
}`;
const ACK = `mutation($id: ID!, $note: String) { acknowledgeEscalation(id: $id, note: $note) { id state acknowledgedBy acknowledgedAt level } }`;
const RESOLVE = `mutation($id: ID!, $note: String!) { resolveEscalation(id: $id, note: $note) { id state note resolvedAt level } }`;
const LEVELS = ['DEPARTMENT', 'UNIT_LEADERSHIP', 'MINISTRY', 'MINISTER', 'GOVERNMENT'];

const leader = (level: EscalationLevel, unit?: string) => ({ role: Role.LEADER, level, unit });

async function escalationRows() {
  return sql<{
    id: string;
    state: string;
    level: string;
    reason: string;
    milestone_id: string;
    resolution: string | null;
  }>(`SELECT id, state, level, reason, milestone_id, resolution FROM escalation ORDER BY id`);
}

/** The first live escalation matching the filter, straight from the table. */
async function findOne(where: string, params: unknown[] = []) {
  const [row] = await sql<{ id: string; level: string }>(
    `SELECT e.id, e.level FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id
     JOIN plan_item pi ON pi.id = m.plan_item_id WHERE e.state <> 'RESOLVED' AND ${where} ORDER BY e.id LIMIT 1`,
    params,
  );
  return row;
}

describe('escalations', () => {
  let sut: TestCentral;

  beforeEach(async () => {
    sut = await startTestCentral({ demo: true });
  });

  afterEach(async () => {
    await sut.stop();
  });

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

  describe('who may act', () => {
    const standard = `pi.key = 'LAND-C-02' AND e.reason = 'DEPENDENCY_LATE'`;

    it.each<[string, () => object, string]>([
      ['the PMO', () => roles.pmo, standard],
      [
        'the land minister, in scope and at level',
        () => leader(EscalationLevel.MINISTER, 'BTNMT'),
        standard,
      ],
      [
        'the government, anything',
        () => leader(EscalationLevel.GOVERNMENT),
        `e.level = 'GOVERNMENT'`,
      ],
    ])('%s may acknowledge', async (_name, role, where) => {
      const target = await findOne(where);
      const r = await sut.gql(
        ACK,
        { id: target.id, note: 'Đã chỉ đạo xử lý' },
        sut.token(role() as any),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.acknowledgeEscalation).toMatchObject({ id: target.id, state: 'ACKNOWLEDGED' });
    });

    it.each<[string, () => object, string]>([
      ['another minister, out of scope', () => leader(EscalationLevel.MINISTER, 'BCA'), standard],
      [
        'the land ministry office, below the level',
        () => leader(EscalationLevel.MINISTRY, 'BTNMT'),
        standard,
      ],
      [
        'a province leader, another province',
        () => leader(EscalationLevel.UNIT_LEADERSHIP, '01'),
        `u.code <> '01' AND e.level IN ('DEPARTMENT', 'UNIT_LEADERSHIP')`,
      ],
      ['an observer', () => roles.observer, `e.level = 'DEPARTMENT'`],
      ['a province node', () => roles.provinceNode('01'), `e.level = 'DEPARTMENT'`],
    ])('%s is FORBIDDEN and nothing changes', async (_name, role, where) => {
      const target = await findOne(where);
      const before = await escalationRows();
      const eventsBefore = await sql(`SELECT count(*)::int AS n FROM escalation_event`);
      const token = sut.token(role() as any);
      const ack = await sut.gql(ACK, { id: target.id, note: 'Đã chỉ đạo xử lý' }, token);
      const res = await sut.gql(RESOLVE, { id: target.id, note: 'Đã xử lý' }, token);
      expect([errorCode(ack), errorCode(res)]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(await escalationRows()).toEqual(before);
      expect(await sql(`SELECT count(*)::int AS n FROM escalation_event`)).toEqual(eventsBefore);
    });
  });

  it('a province leader acknowledges and resolves in their province; the history keeps who and why', async () => {
    const target = await findOne(`e.level = 'DEPARTMENT'`);
    const [{ code }] = await sql<{ code: string }>(
      `SELECT u.code FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id WHERE e.id = $1`,
      [target.id],
    );
    const token = sut.token({
      role: Role.LEADER,
      level: EscalationLevel.UNIT_LEADERSHIP,
      unit: code,
      sub: 'chu-tich-ubnd',
    } as any);
    const ack = await sut.gql(ACK, { id: target.id }, token);
    expect(ack.data!.acknowledgeEscalation).toMatchObject({
      state: 'ACKNOWLEDGED',
      acknowledgedBy: 'chu-tich-ubnd',
      acknowledgedAt: '2020-03-01T00:00:00.000Z',
    });
    const noNote = await sut.gql(RESOLVE, { id: target.id, note: '   ' }, token);
    expect(noNote.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'note' });
    const done = await sut.gql(
      RESOLVE,
      { id: target.id, note: 'Đã bố trí kinh phí bổ sung' },
      token,
    );
    expect(done.data!.resolveEscalation).toMatchObject({
      state: 'RESOLVED',
      note: 'Đã bố trí kinh phí bổ sung',
    });
    const again = await sut.gql(RESOLVE, { id: target.id, note: 'lần nữa' }, token);
    expect(errorCode(again)).toBe('BAD_USER_INPUT');

    const h = await sut.gql(
      `query($f: EscalationFilter) { escalations(filter: $f, first: 200) { edges { node { id history { kind actor level note } } } } }`,
      {
        f: { state: ['RESOLVED'] },
      },
    );
    const mine = h.data!.escalations.edges.find((e: any) => e.node.id === target.id).node;
    expect(mine.history.map((x: any) => [x.kind, x.actor])).toEqual([
      ['OPENED', 'system'],
      ['ACKNOWLEDGED', 'chu-tich-ubnd'],
      ['RESOLVED', 'chu-tich-ubnd'],
    ]);
    expect(mine.history[2].note).toBe('Đã bố trí kinh phí bổ sung');

    // A hand-resolved escalation is not raised again at the same level.
    await sut.running.app.get(EscalationEngine).evaluate(null);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM escalation e2 JOIN escalation e1 ON e1.milestone_id = e2.milestone_id AND e1.reason = e2.reason
       WHERE e1.id = $1 AND e2.state <> 'RESOLVED'`,
      [target.id],
    );
    expect(n).toBe(0);
  });

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
