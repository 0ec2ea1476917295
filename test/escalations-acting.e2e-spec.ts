import { EscalationLevel, Role } from '@tracker/domain';
import { EscalationEngine } from '../apps/central/src/escalations/escalation-engine';
import { sql } from './support/database';
import { demoCentral, errorCode, roles } from './support/central';
import { ACK, findOne, leader, RESOLVE } from './support/escalations';
import { expectRollupsMaintained } from './support/rollups';

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

/** Who may acknowledge and resolve an escalation, and what acting on one records. */
describe('escalations: acting on them', () => {
  // Fresh demo data for every test: each acts on escalations the others look for.
  const sut = demoCentral('per-test');
  // the live counts kept per program and level follow every act
  afterEach(() => expectRollupsMaintained('2020-03-01'));

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
});
