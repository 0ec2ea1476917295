import { provinceAuthority, signToken } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roles, startTestCentral, TestCentral } from './support/central';
import { CuttableProxy } from './support/cuttable-proxy';
import { defineRatioAndCount } from './support/indicators';
import { AppProcess, freePort, waitHealthy } from './support/processes';
import { nodeDatabaseUrl, REPORT, REPORT_INDICATOR } from './support/province';
import { recordedBySeq } from './support/push-ledger';

/** How long a node process may take to answer /health on a busy machine. */
const NODE_START_MS = 120_000;
const NODE_SECRET = 'node-secret-for-the-killed-batch-test-0123';
/** Reports in the batch: values and progress reports, alternating. */
const REPORTS = 40;

/**
 * A real node process, SIGKILLed while it waits for the answer to a batch of
 * interleaved indicator values and progress reports that the centre has recorded,
 * then started again on its own data: it pushes the batch again (the same seqs and
 * keys) and the centre holds each exactly once.
 */
describe('province node killed mid-batch of values and updates', () => {
  let central: TestCentral;
  let proxy: CuttableProxy;
  let node: AppProcess;
  let nodeUrl: string;
  const officer = signToken(
    provinceAuthority('01', NODE_SECRET),
    { role: Role.PROVINCE_OFFICER, unit: '01', sub: 'officer-01' },
    '1h',
  );

  beforeAll(async () => {
    central = await startTestCentral({ demo: true });
    await defineRatioAndCount(central);
    const target = new URL(central.url);
    proxy = new CuttableProxy(target.hostname, Number(target.port));
    await proxy.up();
    const port = await freePort();
    nodeUrl = `http://127.0.0.1:${port}`;
    node = new AppProcess('killed-batch-province-01', 'apps/province/src/main.js', {
      PROVINCE_CODE: '01',
      CENTRAL_URL: `http://127.0.0.1:${proxy.port}`,
      NODE_TOKEN: central.token(roles.provinceNode('01'), '1d'),
      TOKEN_SECRET: NODE_SECRET,
      PORT: String(port),
      DATABASE_URL: await nodeDatabaseUrl(0),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'killed-batch-province-01-')),
      SYNC_INTERVAL_MS: '3600000',
    });
    node.start();
    await waitHealthy(nodeUrl, NODE_START_MS);
  }, 60_000 + NODE_START_MS);

  afterAll(async () => {
    await node?.kill('SIGKILL');
    await central?.stop();
    await proxy?.down();
  });

  async function nodeGql(query: string, variables?: Record<string, unknown>) {
    const res = await fetch(`${nodeUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { message: string }[] };
  }
  const syncNow = () => nodeGql(`mutation { syncNow { pending nextSeq highestAckedSeq } }`);

  /** Report i: a value for even i (months and indicators cycling, so some months are corrected), a progress report for odd i. */
  function report(i: number) {
    if (i % 2 === 1)
      return nodeGql(REPORT, {
        input: {
          programCode: 'LAND',
          key: 'LAND-P-02',
          status: 'IN_PROGRESS',
          percentComplete: i,
        },
      });
    const period = ['2019-12', '2020-01', '2020-02'][(i / 2) % 3];
    const input =
      (i / 2) % 2 === 0
        ? { indicatorCode: 'RECORDS', period, numerator: 100 * i }
        : { indicatorCode: 'L4_SHARE', period, numerator: i, denominator: 100 };
    return nodeGql(REPORT_INDICATOR, { input });
  }

  it(
    'is pushed again after the restart and recorded exactly once',
    async () => {
      const first = (await syncNow()).data!.syncNow.nextSeq as number;
      await proxy.down();
      for (let i = 0; i < REPORTS; i += 1) expect((await report(i)).errors).toBeUndefined();

      // The centre is back; the node pushes all of it in one batch and is killed as the
      // answer starts back: recorded at the centre, unheard at the node.
      await proxy.up();
      const killed = proxy.loseAnswerTo('pushMilestoneUpdates', () => void node.kill('SIGKILL'));
      await Promise.all([killed, syncNow().catch(() => undefined)]);
      await node.kill('SIGKILL');
      expect(node.running).toBe(false);
      expect(await recordedBySeq('01')).toHaveLength(REPORTS);

      node.start();
      await waitHealthy(nodeUrl, NODE_START_MS);
      expect((await syncNow()).data!.syncNow).toMatchObject({
        pending: 0,
        highestAckedSeq: first + REPORTS - 1,
      });
      // each seq once, of the kind reported, in the node's order, all applied
      expect(await recordedBySeq('01')).toEqual(
        Array.from({ length: REPORTS }, (_, i) => ({
          seq: first + i,
          kind: i % 2 === 1 ? 'update' : 'value',
          rows: 1,
          outcome: 'APPLIED',
        })),
      );
      // and the node shows them delivered, as the centre first answered
      const { indicators } = (
        await nodeGql(`{ indicators { values { pendingSync lastOutcome } } }`)
      ).data!;
      const values = indicators.flatMap((i: { values: unknown[] }) => i.values);
      expect(values).toHaveLength(6);
      expect(values).toEqual(values.map(() => ({ pendingSync: false, lastOutcome: 'APPLIED' })));
    },
    60_000 + NODE_START_MS,
  );
});
