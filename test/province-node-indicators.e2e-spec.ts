import { errorCode, startTestCentral, TestCentral } from './support/central';
import { LocalIndicatorsRepository } from '../apps/province/src/local/local-indicators.repository';
import { LocalStoreRepository } from '../apps/province/src/local/local-store.repository';
import { SyncStoreRepository } from '../apps/province/src/sync/sync-store.repository';
import { CuttableProxy } from './support/cuttable-proxy';
import { sql } from './support/database';
import { defineIndicator, defineRatioAndCount } from './support/indicators';
import { recordedBySeq } from './support/push-ledger';
import {
  LOCAL_INDICATORS,
  nodeDatabaseUrl,
  REPORT,
  REPORT_INDICATOR,
  startTestProvince,
  stopInOrder,
  SYNC_NOW,
  SYNC_STATE,
  TestProvince,
} from './support/province';

const value = (indicatorCode: string, period: string, numerator: number, denominator?: number) => ({
  input: { indicatorCode, period, numerator, denominator },
});
const progress = (percentComplete: number) => ({
  input: { programCode: 'LAND', key: 'LAND-P-02', status: 'IN_PROGRESS', percentComplete },
});

/**
 * Indicator values on a province node: pulled indicators, values reported offline in
 * the same outbox and seq space as progress reports, pushed in the same batches, each
 * recorded once at the centre however the push goes. The node reaches the centre
 * through a proxy the test can take down (offline) or make lose an answer.
 */
describe('province node: indicators', () => {
  let central: TestCentral;
  let node: TestProvince;
  let proxy: CuttableProxy;

  beforeEach(async () => {
    central = await startTestCentral({ demo: true });
    await defineRatioAndCount(central);
    const target = new URL(central.url);
    proxy = new CuttableProxy(target.hostname, Number(target.port));
    await proxy.up();
    node = await startTestProvince({
      code: '01',
      central,
      centralUrl: `http://127.0.0.1:${proxy.port}`,
      databaseUrl: await nodeDatabaseUrl(0),
    });
    // the first round pulls the plans and the indicators
    expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({ centralReachable: true });
  });
  afterEach(async () => {
    await stopInOrder(node, central);
    await proxy.down();
  });

  const state = async () => (await node.gql(SYNC_STATE)).data!.syncState;
  /** The node's indicators of these codes (by default the test's own, not the demo's). */
  const indicators = async (codes = ['L4_SHARE', 'RECORDS']) =>
    (await node.gql(LOCAL_INDICATORS)).data!.indicators.filter((i: { code: string }) =>
      codes.includes(i.code),
    );

  it('reports values offline between progress reports; once back, each lands once with its seq', async () => {
    expect(await indicators()).toEqual([
      { code: 'L4_SHARE', name: 'Chỉ tiêu L4_SHARE', kind: 'RATIO', measure: '%', values: [] },
      { code: 'RECORDS', name: 'Chỉ tiêu RECORDS', kind: 'COUNT', measure: 'hồ sơ', values: [] },
    ]);
    const first = (await state()).nextSeq;

    await proxy.down();
    // one after the other: the seqs follow this order
    for (const [mutation, input] of [
      [REPORT_INDICATOR, value('L4_SHARE', '2020-01', 3, 40)],
      [REPORT, progress(60)],
      [REPORT_INDICATOR, value('RECORDS', '2020-02', 1200)],
      [REPORT, progress(65)],
      [REPORT_INDICATOR, value('L4_SHARE', '2020-02', 5, 40)],
      // a correction of the same month replaces the office's figure
      [REPORT_INDICATOR, value('L4_SHARE', '2020-02', 6, 40)],
    ] as const) {
      expect((await node.gql(mutation, input)).errors).toBeUndefined();
    }
    const offline = (await node.gql(SYNC_NOW)).data!.syncNow;
    expect(offline).toMatchObject({ pending: 6, nextSeq: first + 6, centralReachable: false });
    const pendingValue = {
      note: null,
      pendingSync: true,
      lastOutcome: null,
      lastOutcomeReason: null,
    };
    expect((await indicators())[0].values).toEqual([
      { period: '2020-02', numerator: 6, denominator: 40, ...pendingValue },
      { period: '2020-01', numerator: 3, denominator: 40, ...pendingValue },
    ]);

    await proxy.up();
    expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({
      pending: 0,
      highestAckedSeq: first + 5,
      centralReachable: true,
      lastError: null,
    });
    const applied = (seq: number, kind: string) => ({ seq, kind, rows: 1, outcome: 'APPLIED' });
    expect(await recordedBySeq('01')).toEqual([
      applied(first, 'value'),
      applied(first + 1, 'update'),
      applied(first + 2, 'value'),
      applied(first + 3, 'update'),
      applied(first + 4, 'value'),
      applied(first + 5, 'value'),
    ]);
    // the centre's figure for February is the correction (the highest seq)
    const series = await central.gql(
      `{ indicator(code: "L4_SHARE") { series(unitCode: "01") { period numerator denominator } } }`,
    );
    expect(series.data!.indicator.series).toEqual([
      { period: '2020-01', numerator: 3, denominator: 40 },
      { period: '2020-02', numerator: 6, denominator: 40 },
    ]);
    const synced = {
      note: null,
      pendingSync: false,
      lastOutcome: 'APPLIED',
      lastOutcomeReason: null,
    };
    expect(await indicators()).toEqual([
      expect.objectContaining({
        code: 'L4_SHARE',
        values: [
          { period: '2020-02', numerator: 6, denominator: 40, ...synced },
          { period: '2020-01', numerator: 3, denominator: 40, ...synced },
        ],
      }),
      expect.objectContaining({
        code: 'RECORDS',
        values: [{ period: '2020-02', numerator: 1200, denominator: null, ...synced }],
      }),
    ]);
  });

  it.each([
    [
      'an unknown indicator',
      value('NOPE', '2020-02', 1),
      'indicatorCode',
      /unknown indicator NOPE/,
    ],
    ['a month after the current one', value('RECORDS', '2020-04', 1), 'period', /future/],
    ['not a month', value('RECORDS', '2020-2', 1), 'period', /not a month/],
    ['a ratio without denominator', value('L4_SHARE', '2020-02', 1), 'denominator', /above 0/],
    ['a denominator of 0', value('L4_SHARE', '2020-02', 0, 0), 'denominator', /above 0/],
    [
      'a numerator above the denominator',
      value('L4_SHARE', '2020-02', 41, 40),
      'numerator',
      /above/,
    ],
    ['a negative count', value('RECORDS', '2020-02', -1), 'numerator', /negative/],
    [
      'a count with a denominator',
      value('RECORDS', '2020-02', 5, 10),
      'denominator',
      /no denominator/,
    ],
  ])('refuses %s (BAD_USER_INPUT) and queues nothing', async (_, input, field, message) => {
    const before = await state();
    const r = await node.gql(REPORT_INDICATOR, input);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]).toMatchObject({ extensions: { field } });
    expect(r.errors![0].message).toMatch(message);
    expect(await state()).toMatchObject({ pending: 0, nextSeq: before.nextSeq });
    expect((await indicators()).flatMap((i: { values: unknown[] }) => i.values)).toEqual([]);
  });

  it('does not pull an indicator its owner agency reports nationally, and so does not report it', async () => {
    await defineIndicator(central, 'NATIONAL', 'RATIO', [{ value: 0.3, due: '2020-12-31' }], {
      ownerCode: 'VPCP',
      reportedBy: 'OWNER',
    });
    // defined with it: the round that does not bring NATIONAL brings this one
    await defineIndicator(central, 'DIGITISED', 'COUNT', [{ value: 1000, due: '2020-12-31' }]);
    expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({ centralReachable: true });
    const pulled = await indicators(['DIGITISED', 'NATIONAL']);
    expect(pulled.map((i: { code: string }) => i.code)).toEqual(['DIGITISED']);
    const before = await state();
    const r = await node.gql(REPORT_INDICATOR, value('NATIONAL', '2020-02', 3, 40));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]).toMatchObject({ extensions: { field: 'indicatorCode' } });
    expect(r.errors![0].message).toMatch(/unknown indicator NATIONAL/);
    expect(await state()).toMatchObject({ pending: 0, nextSeq: before.nextSeq });
  });

  it('shows the reason of a value the centre rejects, and does not send it again', async () => {
    // March is the current month by the centre's clock when the office reports it...
    expect(
      (await node.gql(REPORT_INDICATOR, value('RECORDS', '2020-03', 800))).errors,
    ).toBeUndefined();
    await proxy.down();
    const port = new URL(central.url).port;
    await central.stop();
    // ...and the centre comes back with its clock set right, two weeks earlier.
    central = await startTestCentral({
      demo: true,
      keepData: true,
      port,
      clockNow: '2020-02-15T00:00:00Z',
    });
    await proxy.up();
    expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({ pending: 0, lastError: null });
    const [records] = (await indicators()).filter((i: { code: string }) => i.code === 'RECORDS');
    expect(records.values).toEqual([
      {
        period: '2020-03',
        numerator: 800,
        denominator: null,
        note: null,
        pendingSync: false,
        lastOutcome: 'REJECTED',
        lastOutcomeReason: 'period: 2020-03 is in the future (today is 2020-02-15)',
      },
    ]);
    await node.gql(SYNC_NOW);
    expect(await recordedBySeq('01')).toEqual([
      expect.objectContaining({ kind: 'value', rows: 1, outcome: 'REJECTED' }),
    ]);
  });

  it('retries a push whose answer was lost with the same keys: nothing doubles', async () => {
    const first = (await state()).nextSeq;
    await proxy.down();
    await node.gql(REPORT_INDICATOR, value('RECORDS', '2020-01', 900));
    await node.gql(REPORT, progress(70));
    await node.gql(REPORT_INDICATOR, {
      input: { ...value('L4_SHARE', '2020-01', 4, 40).input, note: 'sửa' },
    });
    await proxy.up();
    // the centre records the batch; its answer never reaches the node
    const lost = proxy.loseAnswerTo('pushMilestoneUpdates');
    const cut = (await node.gql(SYNC_NOW)).data!.syncNow;
    await lost;
    expect(cut).toMatchObject({ pending: 3, centralReachable: false });
    expect(cut.lastError).toMatch(/unreachable/);

    expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({ pending: 0, lastError: null });
    expect(await recordedBySeq('01')).toEqual([
      { seq: first, kind: 'value', rows: 1, outcome: 'APPLIED' },
      { seq: first + 1, kind: 'update', rows: 1, outcome: 'APPLIED' },
      { seq: first + 2, kind: 'value', rows: 1, outcome: 'APPLIED' },
    ]);
    const [{ keys }] = await sql<{ keys: number }>(
      `SELECT count(DISTINCT idempotency_key)::int AS keys FROM indicator_value WHERE seq > 0`,
    );
    expect(keys).toBe(2);
    // the retry was a DUPLICATE: the node shows what the first answer was
    expect(
      (await indicators()).map(
        (i: { values: { lastOutcome: string; note: string }[] }) => i.values[0],
      ),
    ).toEqual([
      expect.objectContaining({ period: '2020-01', note: 'sửa', lastOutcome: 'APPLIED' }),
      expect.objectContaining({ period: '2020-01', lastOutcome: 'APPLIED' }),
    ]);
  });

  // The centre acknowledges up to the highest seq it records; the node used to trim
  // every seq up to that, so an entry the batch did not carry went unsent.
  it('trims only the entries the centre answered: one the batch did not carry stays queued, whatever its seq', async () => {
    const first = (await state()).nextSeq;
    await proxy.down();
    await node.gql(REPORT, progress(71));
    await node.gql(REPORT, progress(72));
    await node.gql(REPORT_INDICATOR, value('RECORDS', '2020-01', 901));
    const [reported, middle] = await node.running.app.get(LocalStoreRepository).outbox(10);
    const [valued] = await node.running.app.get(LocalIndicatorsRepository).outbox(10);
    expect([reported.seq, middle.seq, valued.seq]).toEqual([first, first + 1, first + 2]);

    // the answer to a batch of the first report and the value, acknowledging up to the value's seq
    const answered = { outcome: 'APPLIED', reason: null };
    await node.running.app
      .get(SyncStoreRepository)
      .delivered(
        [{ ...reported, ...answered }],
        [{ ...valued, ...answered }],
        valued.seq,
        new Date(),
      );
    expect(await state()).toMatchObject({ pending: 1, highestAckedSeq: first + 2 });
    expect((await node.running.app.get(LocalStoreRepository).outbox(10)).map((o) => o.seq)).toEqual(
      [first + 1],
    );

    await proxy.up();
    expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({ pending: 0, lastError: null });
    expect(await recordedBySeq('01')).toEqual([
      { seq: first + 1, kind: 'update', rows: 1, outcome: 'APPLIED' },
    ]);
  });

  // On the embedded database a transaction runs alone, so nothing commits between two
  // statements of the batch's read there; on a server another connection's report can.
  const itOnServer = process.env.TEST_DATABASE_MODE === 'postgres' ? it : it.skip;
  itOnServer(
    'a report and a value recorded while a push reads the outbox are neither skipped nor trimmed',
    async () => {
      const first = (await state()).nextSeq;
      const values = node.running.app.get(LocalIndicatorsRepository);
      const read = values.outbox.bind(values);
      // between the read of the reports' outbox and the values', as an officer's click can land
      jest.spyOn(values, 'outbox').mockImplementationOnce(async (...args) => {
        expect((await node.gql(REPORT, progress(73))).errors).toBeUndefined();
        expect(
          (await node.gql(REPORT_INDICATOR, value('RECORDS', '2020-01', 902))).errors,
        ).toBeUndefined();
        return read(...args);
      });
      await node.gql(SYNC_NOW);
      expect(values.outbox).toHaveBeenCalled();
      // the next round (the reports' own kick may have run it already) sends both
      expect((await node.gql(SYNC_NOW)).data!.syncNow).toMatchObject({
        pending: 0,
        lastError: null,
      });
      expect(await recordedBySeq('01')).toEqual([
        { seq: first, kind: 'update', rows: 1, outcome: 'APPLIED' },
        { seq: first + 1, kind: 'value', rows: 1, outcome: 'APPLIED' },
      ]);
    },
  );
});
