import { Role } from '@tracker/domain';
import { verifyToken } from '@tracker/auth';
import { auditMint, mintFromArgs } from '../libs/auth/src/cli/token.cli';
import { sql, testDatabaseUrl, withClient } from './support/database';
import { errorCode, roles, startTestCentral, TEST_SECRET, TestCentral } from './support/central';
import { landUpdate, PUSH } from './support/updates';

const LOG = `query($action: String) { auditLog(first: 50, action: $action) { totalCount edges { node { actor role action subject detail } } } }`;

describe('audit log', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
  });

  afterAll(async () => {
    await sut.stop();
  });

  it('records plan publishes, pushes and escalation actions with who and what', async () => {
    const push = await sut.gql(
      PUSH,
      {
        updates: [
          landUpdate('01', 1, { percentComplete: 66 }),
          landUpdate('01', 2, { status: 'BLOCKED' }),
        ],
      },
      sut.token(roles.provinceNode('01')),
    );
    expect(push.errors).toBeUndefined();
    const [escalation] = await sql<{ id: string }>(
      `SELECT id FROM escalation WHERE state = 'OPEN' ORDER BY id LIMIT 1`,
    );
    await sut.gql(
      `mutation($id: ID!) { acknowledgeEscalation(id: $id, note: "Đã nắm") { state } }`,
      { id: escalation.id },
    );

    const pushes = (await sut.gql(LOG, { action: 'updates.push' })).data!.auditLog;
    expect(pushes.totalCount).toBe(1);
    const entry = pushes.edges[0].node;
    expect(entry).toMatchObject({
      actor: 'province_node:01',
      role: Role.PROVINCE_NODE,
      action: 'updates.push',
      subject: '01',
    });
    expect(JSON.parse(entry.detail)).toEqual({
      highestAckedSeq: 2,
      outcomes: { APPLIED: 1, REJECTED: 1 },
      recorded: [
        { seq: 1, ref: 'LAND/LAND-P-02', outcome: 'APPLIED' },
        { seq: 2, ref: 'LAND/LAND-P-02', outcome: 'REJECTED' },
      ],
    });

    const ack = (await sut.gql(LOG, { action: 'escalation.acknowledged' })).data!.auditLog.edges[0]
      .node;
    expect(ack).toMatchObject({ actor: 'pmo', role: 'PMO', subject: escalation.id });
    expect(JSON.parse(ack.detail).note).toBe('Đã nắm');

    // The demo published five plans as the demo PMO
    const plans = (await sut.gql(LOG, { action: 'plan.publish' })).data!.auditLog;
    expect(plans.edges.map((e: any) => e.node.subject).sort()).toEqual([
      'CIVIL_STATUS',
      'ENTERPRISE',
      'LAND',
      'POPULATION',
      'SOCIAL_INSURANCE',
    ]);
    expect(
      JSON.parse(plans.edges.find((e: any) => e.node.subject === 'LAND').node.detail).created,
    ).toHaveLength(7);
  });

  it('the database refuses to change or delete an entry', async () => {
    const [before] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    expect(before.n).toBeGreaterThan(0);
    for (const statement of [
      `UPDATE audit_log SET actor = 'someone else'`,
      `DELETE FROM audit_log`,
    ]) {
      await expect(withClient((c) => c.query(statement))).rejects.toThrow(/append-only/);
    }
    const [after] = await sql<{ n: number; changed: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE actor = 'someone else')::int AS changed FROM audit_log`,
    );
    expect(after).toEqual({ n: before.n, changed: 0 });
  });

  it('stands or falls with the write: a program whose entry is refused is not created', async () => {
    const create = `mutation { createProgram(input: { code: "UNAUDITED", name: "Thử", ownerCode: "BTP", model: FEDERATED }) { code } }`;
    const programs = () => sql(`SELECT code FROM program WHERE code = 'UNAUDITED'`);
    const entries = () =>
      sql(
        `SELECT subject FROM audit_log WHERE action = 'program.create' AND subject = 'UNAUDITED'`,
      );
    // The database refuses this program's entry, as it would on a full disk or a broken constraint.
    await sql(
      `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`,
    );
    await sql(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
       WHEN (NEW.action = 'program.create' AND NEW.subject = 'UNAUDITED') EXECUTE FUNCTION refuse_audit()`,
    );
    try {
      expect(errorCode(await sut.gql(create))).toBe('INTERNAL_SERVER_ERROR');
      expect(await programs()).toEqual([]);
      expect(await entries()).toEqual([]);
    } finally {
      await sql(`DROP TRIGGER refuse_audit ON audit_log`);
      await sql(`DROP FUNCTION refuse_audit()`);
    }
    // Once the entry can be written, the same program is created, with it.
    expect((await sut.gql(create)).data).toEqual({ createProgram: { code: 'UNAUDITED' } });
    expect(await programs()).toHaveLength(1);
    expect(await entries()).toHaveLength(1);
  });

  it('falls with the write: a program refused at commit leaves no entry', async () => {
    // Checked when the transaction commits, after the entry was written: only an entry in
    // the same transaction goes with the program.
    await sql(
      `CREATE FUNCTION refuse_program() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'program refused'; END $$`,
    );
    await sql(
      `CREATE CONSTRAINT TRIGGER refuse_program AFTER INSERT ON program DEFERRABLE INITIALLY DEFERRED
       FOR EACH ROW WHEN (NEW.code = 'UNCOMMITTED') EXECUTE FUNCTION refuse_program()`,
    );
    try {
      const r = await sut.gql(
        `mutation { createProgram(input: { code: "UNCOMMITTED", name: "Thử", ownerCode: "BTP", model: FEDERATED }) { code } }`,
      );
      expect(errorCode(r)).toBe('INTERNAL_SERVER_ERROR');
      expect(await sql(`SELECT code FROM program WHERE code = 'UNCOMMITTED'`)).toEqual([]);
      expect(await sql(`SELECT id FROM audit_log WHERE subject = 'UNCOMMITTED'`)).toEqual([]);
    } finally {
      await sql(`DROP TRIGGER refuse_program ON program`);
      await sql(`DROP FUNCTION refuse_program()`);
    }
  });

  it('pages newest first by cursor: every entry once, the total counted on every page', async () => {
    const PAGE = `query($after: String, $action: String) { auditLog(first: 2, after: $after, action: $action) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id action } } } }`;
    for (const action of [undefined, 'plan.publish']) {
      const all = (await sut.gql(LOG.replace('first: 50', 'first: 200'), { action })).data!
        .auditLog;
      const seen: string[] = [];
      const actions: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = (await sut.gql(PAGE, { after, action })).data!.auditLog;
        expect(page.totalCount).toBe(all.totalCount);
        seen.push(...page.edges.map((e: any) => e.node.id));
        actions.push(...page.edges.map((e: any) => e.node.action));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const [{ ids }] = await sql<{ ids: string[] }>(
        `SELECT array_agg(id::text ORDER BY id DESC) AS ids FROM audit_log WHERE $1::text IS NULL OR action = $1`,
        [action ?? null],
      );
      expect(seen).toEqual(ids);
      expect(new Set(actions)).toEqual(new Set(action ? [action] : actions));
    }
    expect(errorCode(await sut.gql(PAGE, { after: 'bm90IG9uZQ' }))).toBe('BAD_USER_INPUT');
  });

  it('is for the PMO only', async () => {
    for (const role of [roles.observer, roles.minister, roles.provinceNode('01')]) {
      expect(errorCode(await sut.gql(LOG, {}, sut.token(role)))).toBe('FORBIDDEN');
    }
  });
});

describe('npm run token with DATABASE_URL', () => {
  it('appends the minted token to the audit log', async () => {
    const sut = await startTestCentral();
    try {
      const token = mintFromArgs(['--role', 'AGENCY', '--unit', 'BCA', '--ttl', '30d'], {
        TOKEN_SECRET: TEST_SECRET,
      });
      await auditMint(token, testDatabaseUrl(), 'ops-nguyen');
      const { jti } = verifyToken(sut.running.authority, token);
      const [row] = await sql<{
        actor: string;
        role: string;
        action: string;
        detail: { role: string; unit: string };
      }>(`SELECT actor, role, action, detail FROM audit_log WHERE subject = $1`, [jti]);
      expect(row).toMatchObject({
        actor: 'ops-nguyen',
        role: 'CLI',
        action: 'token.mint',
        detail: { role: 'AGENCY', unit: 'BCA' },
      });
    } finally {
      await sut.stop();
    }
  });
});
