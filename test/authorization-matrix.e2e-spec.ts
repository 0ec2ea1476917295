import { keyId, signToken, verifyToken } from '@tracker/auth';
import { EscalationLevel, Role } from '@tracker/domain';
import jwt from 'jsonwebtoken';
import { sql } from './support/database';
import {
  errorCode,
  GqlResult,
  startTestCentral,
  TEST_SECRET,
  TestCentral,
} from './support/central';
import { landUpdate, PUSH } from './support/updates';

/**
 * Every operation against every kind of caller, as one table: the refusals carry
 * the right code and change nothing (the tables are compared before and after).
 */
type Caller =
  | 'none'
  | 'expired'
  | 'tampered'
  | 'wrongAudience'
  | 'revoked'
  | 'pmo'
  | 'observer'
  | 'minister'
  | 'otherMinister'
  | 'provinceLeader'
  | 'node01'
  | 'agency';
const CALLERS: Caller[] = [
  'none',
  'expired',
  'tampered',
  'wrongAudience',
  'revoked',
  'pmo',
  'observer',
  'minister',
  'otherMinister',
  'provinceLeader',
  'node01',
  'agency',
];
const UNAUTH: Caller[] = ['none', 'expired', 'tampered', 'wrongAudience', 'revoked'];

interface Operation {
  name: string;
  run(
    gql: (q: string, v?: Record<string, unknown>) => Promise<GqlResult>,
    ids: Ids,
  ): Promise<GqlResult>;
  /** Callers allowed; every other authenticated caller gets FORBIDDEN. */
  allowed: Caller[] | 'all';
}

interface Ids {
  landEscalation: string;
  bacKanEscalation: string;
}

let version = 1;
let deadlineAttempts = 0;
const OPERATIONS: Operation[] = [
  { name: 'units', allowed: 'all', run: (g) => g('{ units { code } }') },
  {
    name: 'programs / program',
    allowed: 'all',
    run: (g) => g('{ programs { code } program(code: "LAND") { planVersion } }'),
  },
  { name: 'milestones', allowed: 'all', run: (g) => g('{ milestones(first: 5) { totalCount } }') },
  { name: 'nationalDashboard', allowed: 'all', run: (g) => g('{ nationalDashboard { asOf } }') },
  {
    name: 'escalations',
    allowed: 'all',
    run: (g) => g('{ escalations(first: 5) { totalCount } }'),
  },
  { name: 'syncStatus', allowed: 'all', run: (g) => g('{ syncStatus { highestSeq } }') },
  { name: 'auditLog', allowed: ['pmo'], run: (g) => g('{ auditLog(first: 5) { totalCount } }') },
  {
    name: 'reportingCompleteness',
    allowed: 'all',
    run: (g) =>
      g('{ reportingCompleteness(period: "2020-02") { expected provinces { unit { code } } } }'),
  },
  {
    name: 'createProgram',
    allowed: ['pmo'],
    run: (g) =>
      g(
        `mutation($c: ID!) { createProgram(input: { code: $c, name: "M", ownerCode: "BTP", model: CENTRALIZED }) { code } }`,
        { c: `MATRIX_${Math.floor(Math.random() * 1e9)}` },
      ),
  },
  {
    name: 'publishPlan',
    allowed: ['pmo'],
    run: async (g) => {
      const r = await g(
        `mutation($v: Int!) { publishPlan(input: { programCode: "ENTERPRISE", expectedVersion: $v,
        items: [{ key: "ENT-C-01", title: "Nâng cấp", scope: CENTRAL, baselineDue: "2019-09-30" }] }) { planVersion } }`,
        { v: version },
      );
      if (!r.errors) version += 1;
      return r;
    },
  },
  {
    name: 'pushMilestoneUpdates (province 01)',
    allowed: ['node01'],
    run: (g) => g(PUSH, { updates: [landUpdate('01', Math.floor(Math.random() * 1e6) + 1)] }),
  },
  {
    name: 'pushMilestoneUpdates (BTNMT central milestone)',
    allowed: ['agency'],
    run: (g) =>
      g(PUSH, {
        updates: [landUpdate('BTNMT', Math.floor(Math.random() * 1e6) + 1, { key: 'LAND-C-03' })],
      }),
  },
  {
    name: 'acknowledgeEscalation (LAND, minister level)',
    allowed: ['pmo', 'minister'],
    run: (g, ids) =>
      g(`mutation($id: ID!) { acknowledgeEscalation(id: $id, note: "n") { state } }`, {
        id: ids.landEscalation,
      }),
  },
  {
    name: 'acknowledgeEscalation (Bắc Kạn, unit leadership)',
    allowed: ['pmo', 'minister', 'provinceLeader'],
    run: (g, ids) =>
      g(`mutation($id: ID!) { acknowledgeEscalation(id: $id, note: "n") { state } }`, {
        id: ids.bacKanEscalation,
      }),
  },
  {
    name: 'setReportingDeadline',
    allowed: ['pmo'],
    // a day never asked before: a refusal that wrongly applied would show in the snapshot
    run: (g) =>
      g(
        `mutation($d: Int!) { setReportingDeadline(programCode: "LAND", day: $d) { reportingDeadlineDay } }`,
        { d: 6 + (deadlineAttempts++ % 20) },
      ),
  },
  {
    name: 'revokeToken',
    allowed: ['pmo'],
    run: (g) =>
      g(`mutation($j: ID!) { revokeToken(jti: $j) }`, {
        j: '11111111-1111-4111-8111-111111111111',
      }),
  },
];

describe('authorization matrix', () => {
  let sut: TestCentral;
  let ids: Ids;
  const tokens = {} as Record<Caller, string | null>;

  beforeAll(async () => {
    sut = await startTestCentral({ demo: true });
    const a = sut.running.authority;
    const mint = (r: Parameters<typeof signToken>[1]) => signToken(a, r, '1h');
    tokens.none = null;
    tokens.expired = jwt.sign(
      { role: 'PMO', exp: Math.floor(Date.now() / 1000) - 5 },
      TEST_SECRET,
      {
        keyid: keyId(TEST_SECRET),
        issuer: a.issuer,
        audience: a.audience,
        subject: 'x',
        jwtid: 'j',
      },
    );
    const observer = mint({ role: Role.OBSERVER });
    const [h, , sig] = observer.split('.');
    tokens.tampered = `${h}.${Buffer.from(JSON.stringify({ ...(jwt.decode(observer) as object), role: 'PMO' })).toString('base64url')}.${sig}`;
    tokens.wrongAudience = signToken(
      { ...a, audience: 'nsdb-tracker/province-01' },
      { role: Role.PMO },
      '1h',
    );
    tokens.revoked = mint({ role: Role.PMO });
    tokens.pmo = mint({ role: Role.PMO });
    tokens.observer = observer;
    tokens.minister = mint({ role: Role.LEADER, level: EscalationLevel.MINISTER, unit: 'BTNMT' });
    tokens.otherMinister = mint({
      role: Role.LEADER,
      level: EscalationLevel.MINISTER,
      unit: 'BCA',
    });
    tokens.provinceLeader = mint({
      role: Role.LEADER,
      level: EscalationLevel.UNIT_LEADERSHIP,
      unit: '06',
    });
    tokens.node01 = mint({ role: Role.PROVINCE_NODE, unit: '01' });
    tokens.agency = mint({ role: Role.AGENCY, unit: 'BTNMT' });
    await sut.gql(`mutation($j: ID!) { revokeToken(jti: $j) }`, {
      j: verifyToken(a, tokens.revoked!).jti,
    });
    const [land] = await sql<{ id: string }>(
      `SELECT e.id FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN plan_item pi ON pi.id = m.plan_item_id
       WHERE pi.key = 'LAND-C-02' AND e.reason = 'DEPENDENCY_LATE'`,
    );
    const [bk] = await sql<{ id: string }>(
      `SELECT e.id FROM escalation e JOIN milestone m ON m.id = e.milestone_id JOIN unit u ON u.id = m.unit_id
       WHERE u.code = '06' AND e.level = 'UNIT_LEADERSHIP' LIMIT 1`,
    );
    ids = { landEscalation: land.id, bacKanEscalation: bk.id };
  });

  afterAll(async () => {
    await sut.stop();
  });

  /** A fingerprint of every table a write could touch. */
  async function snapshot(): Promise<string> {
    const [{ s }] = await sql<{ s: string }>(
      `SELECT md5(concat_ws('|',
         (SELECT string_agg(code || plan_version || '/' || reporting_deadline_day, ',' ORDER BY code) FROM program),
         (SELECT count(*) FROM plan_item), (SELECT string_agg(id::text || status || version, ',' ORDER BY id) FROM milestone),
         (SELECT count(*) FROM milestone_update), (SELECT string_agg(id::text || state || level, ',' ORDER BY id) FROM escalation),
         (SELECT count(*) FROM escalation_event), (SELECT count(*) FROM revoked_token))) AS s`,
    );
    return s;
  }

  const cases = OPERATIONS.flatMap((op) =>
    CALLERS.map((caller) => {
      const expected = UNAUTH.includes(caller)
        ? 'UNAUTHENTICATED'
        : op.allowed === 'all' || op.allowed.includes(caller)
          ? 'allowed'
          : 'FORBIDDEN';
      return [op.name, caller, expected, op] as const;
    }),
  );

  it.each(cases)('%s as %s → %s', async (_name, caller, expected, op) => {
    const before = await snapshot();
    const r = await op.run((q, v) => sut.gql(q, v, tokens[caller]), ids);
    expect(expected === 'allowed' ? (r.errors ?? []).map((e) => e.message) : errorCode(r)).toEqual(
      expected === 'allowed' ? [] : expected,
    );
    expect(expected === 'allowed' || (await snapshot()) === before).toBe(true);
  });
});
