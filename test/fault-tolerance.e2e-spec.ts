import { provinceAuthority, signToken, centralAuthority } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CLOCK, TEST_SECRET } from './support/central';
import { resetDatabase, sql, testDatabaseUrl } from './support/database';
import { AppProcess, freePort, waitHealthy } from './support/processes';

/** How long a province node with its embedded database may take to answer /health. */
const NODE_START_MS = 180_000;

/**
 * Real processes, real signals: a central app and three province nodes. Offices
 * keep reporting while the central process is SIGKILLed and restarted, and while
 * a node is SIGKILLed and restarted. In the end every node agrees with the centre
 * and the centre's history holds every acknowledged report exactly once.
 */
describe('sync survives killed processes', () => {
  const codes = ['01', '48', '79'];
  const NODE_SECRET = 'node-secret-for-the-fault-test-0123456789';
  const processes: AppProcess[] = [];
  let central: AppProcess;
  let centralUrl: string;
  const nodes = new Map<string, { proc: AppProcess; url: string; token: string }>();
  /** idempotency is the centre's job; the test counts what each office was told was recorded. */
  const acknowledged = new Map<string, number>(codes.map((c) => [c, 0]));
  const lastPercent = new Map<string, number>();

  beforeAll(async () => {
    await resetDatabase();
    const centralPort = await freePort();
    centralUrl = `http://127.0.0.1:${centralPort}`;
    central = new AppProcess('fault-central', 'apps/central/src/demo.js', {
      DATABASE_URL: testDatabaseUrl(),
      TOKEN_SECRET: TEST_SECRET,
      CLOCK_NOW: DEMO_CLOCK,
      PORT: String(centralPort),
      // Nodes here sync every 200 ms; this test is about killed processes, not limits.
      RATE_LIMIT_PER_MINUTE: '100000',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'fault-central-')),
    });
    processes.push(central);
    central.start();
    await waitHealthy(centralUrl);
    for (const code of codes) {
      const port = await freePort();
      const proc = new AppProcess(`fault-province-${code}`, 'apps/province/src/main.js', {
        PROVINCE_CODE: code,
        CENTRAL_URL: centralUrl,
        NODE_TOKEN: signToken(
          centralAuthority(TEST_SECRET),
          { role: Role.PROVINCE_NODE, unit: code },
          '1d',
        ),
        TOKEN_SECRET: NODE_SECRET,
        PORT: String(port),
        DATA_DIR: mkdtempSync(join(tmpdir(), `fault-province-${code}-`)),
        SYNC_INTERVAL_MS: '200',
      });
      processes.push(proc);
      proc.start();
      const token = signToken(
        provinceAuthority(code, NODE_SECRET),
        { role: Role.PROVINCE_OFFICER, unit: code },
        '1h',
      );
      nodes.set(code, { proc, url: `http://127.0.0.1:${port}`, token });
    }
    // three embedded databases starting at once on two cores: ~20 s each alone, far more on a busy machine
    await Promise.all([...nodes.values()].map((n) => waitHealthy(n.url, NODE_START_MS)));
  }, 60_000 + NODE_START_MS);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  });

  async function nodeGql(code: string, query: string, variables?: Record<string, unknown>) {
    const node = nodes.get(code)!;
    const res = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${node.token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    return (await res.json()) as { data?: any; errors?: unknown[] };
  }

  /** One report to one office; counted only when the office answered that it recorded it. */
  async function report(code: string, i: number): Promise<void> {
    const key = ['LAND-P-02', 'LAND-P-03', 'LAND-P-04'][i % 3];
    const percent = 1 + (i % 99);
    try {
      const r = await nodeGql(
        code,
        `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { pendingSync } }`,
        {
          input: {
            programCode: 'LAND',
            key,
            status: 'IN_PROGRESS',
            percentComplete: percent,
            note: `báo cáo ${i}`,
          },
        },
      );
      if (!r.errors && r.data?.reportProgress?.pendingSync === true) {
        acknowledged.set(code, acknowledged.get(code)! + 1);
        lastPercent.set(`${code}/${key}`, percent);
      }
    } catch {
      // the node is down: the office would try again later; not counted
    }
  }

  async function reportRound(from: number, count: number): Promise<void> {
    for (let i = from; i < from + count; i += 1) {
      await Promise.all(codes.map((code) => report(code, i)));
    }
  }

  async function restart(proc: AppProcess, url: string): Promise<void> {
    proc.start();
    await waitHealthy(url, NODE_START_MS);
  }

  it(
    'loses and doubles nothing through SIGKILLs of the centre and of a node',
    async () => {
      await reportRound(0, 10);

      // The centre dies mid-stream; offices keep working offline.
      await central.kill('SIGKILL');
      await reportRound(10, 15);
      const offline = await nodeGql('01', `{ syncState { pending centralReachable } }`);
      expect(offline.data.syncState.pending).toBeGreaterThan(0);
      await restart(central, centralUrl);
      await reportRound(25, 10);

      // A node dies mid-stream and comes back on its own data folder.
      const node48 = nodes.get('48')!;
      const killing = node48.proc.kill('SIGKILL');
      await Promise.all([reportRound(35, 5), killing]);
      await restart(node48.proc, node48.url);
      await reportRound(40, 10);

      // Everything drains.
      const deadline = Date.now() + 60_000;
      for (const code of codes) {
        for (;;) {
          const s = await nodeGql(code, `mutation { syncNow { pending lastError } }`);
          if (s.data?.syncNow.pending === 0) break;
          if (Date.now() > deadline)
            throw new Error(`node ${code} did not drain: ${JSON.stringify(s)}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }

      for (const code of codes) {
        // The centre's history holds each acknowledged report exactly once, all applied.
        const [counts] = await sql<{ total: number; keys: number; applied: number }>(
          `SELECT count(*)::int AS total, count(DISTINCT idempotency_key)::int AS keys,
                count(*) FILTER (WHERE outcome = 'APPLIED')::int AS applied
         FROM milestone_update mu JOIN unit u ON u.id = mu.node_unit_id WHERE u.code = $1 AND mu.seq > 0`,
          [code],
        );
        expect(counts).toEqual({
          total: acknowledged.get(code),
          keys: acknowledged.get(code),
          applied: acknowledged.get(code),
        });

        // Every node's milestones equal the centre's.
        await nodeGql(code, `mutation { syncNow { pending } }`);
        const local = (
          await nodeGql(
            code,
            `{ milestones { programCode key status percentComplete note pendingSync } }`,
          )
        ).data.milestones;
        const centre = await sql<{
          programCode: string;
          key: string;
          status: string;
          percentComplete: number;
          note: string | null;
        }>(
          `SELECT p.code AS "programCode", pi.key, m.status, m.percent_complete AS "percentComplete", m.note
         FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
         JOIN unit u ON u.id = m.unit_id WHERE u.code = $1 AND pi.scope = 'PROVINCE' ORDER BY p.code, pi.key`,
          [code],
        );
        const mine = local
          .map((m: any) => ({
            programCode: m.programCode,
            key: m.key,
            status: m.status,
            percentComplete: m.percentComplete,
            note: m.note,
          }))
          .sort((a: any, b: any) =>
            `${a.programCode}/${a.key}`.localeCompare(`${b.programCode}/${b.key}`),
          );
        expect(mine).toEqual(centre);
        expect(local.every((m: any) => m.pendingSync === false)).toBe(true);
        // and hold the last acknowledged report of each milestone
        const reported = ['LAND-P-02', 'LAND-P-03', 'LAND-P-04'];
        expect(reported.map((key) => centre.find((m) => m.key === key)!.percentComplete)).toEqual(
          reported.map((key) => lastPercent.get(`${code}/${key}`)),
        );
      }
      expect([...acknowledged.values()].every((n) => n >= 40)).toBe(true);
    },
    180_000 + NODE_START_MS,
  );
});
