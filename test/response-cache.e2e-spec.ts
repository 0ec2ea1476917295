import jwt from 'jsonwebtoken';
import { errorCode, roles, startTestCentral, TestCentral } from './support/central';
import { withClient } from './support/database';
import { defineIndicator, indicatorValue, pushValues } from './support/indicators';
import { landUpdate, PUSH } from './support/updates';

/**
 * Whole answers of repeated reads are served from memory, and never one that a
 * change (on this instance or another), a revocation or an expiry has made wrong.
 */
describe('response cache', () => {
  let one: TestCentral;
  let two: TestCentral;

  beforeAll(async () => {
    one = await startTestCentral({ demo: true });
    two = await startTestCentral({ demo: true, keepData: true });
  });

  afterAll(async () => {
    await one.stop();
    await two.stop();
  });

  async function metric(sut: TestCentral, name: string): Promise<number> {
    const text = await (await fetch(`${sut.url}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)![1]);
  }

  const hits = (sut: TestCentral) => metric(sut, 'nsdb_response_cache_hits_total');

  /** What `read` answers on the other instance once the change's announcement has arrived. */
  async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
    let seen = await read();
    for (let i = 0; i < 40 && JSON.stringify(seen) !== JSON.stringify(expected); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await read();
    }
    return seen;
  }

  const LAND_01 = `{ milestones(filter: { programCode: "LAND", unitCode: "01" }) {
    edges { node { key percentComplete version } } } }`;

  const percentOf = (data: {
    milestones: { edges: { node: { key: string; percentComplete: number } }[] };
  }) => data.milestones.edges.find((e) => e.node.key === 'LAND-P-02')!.node.percentComplete;

  it('answers a repeated read from memory, the same answer', async () => {
    const q =
      '{ nationalDashboard { asOf programs { program { code } progress { late blocked } } } }';
    const first = await one.gql(q);
    const before = await hits(one);
    const second = await one.gql(q);
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await hits(one)).toBe(before + 1);
  });

  it('a report applied through one instance is in the next read of both', async () => {
    const reads = async (sut: TestCentral) =>
      percentOf((await sut.gql<Parameters<typeof percentOf>[0]>(LAND_01)).data!);
    // cached on both instances
    const was = await reads(one);
    expect(await reads(one)).toBe(was);
    expect(await reads(two)).toBe(was);
    expect(await reads(two)).toBe(was);

    const pushed = await one.gql(
      PUSH,
      { updates: [landUpdate('01', 1, { percentComplete: was === 77 ? 78 : 77 })] },
      one.token(roles.provinceNode('01')),
    );
    expect(pushed.errors).toBeUndefined();
    const now = was === 77 ? 78 : 77;
    // the writing instance: at once (read your writes)
    expect(await reads(one)).toBe(now);
    // the other: as soon as the announcement arrives
    expect(await eventually(() => reads(two), now)).toBe(now);
  });

  it('an indicator defined, or a value pushed, through one instance is in the next read of both', async () => {
    const codes = async (sut: TestCentral) =>
      (
        await sut.gql<{ indicators: { code: string }[] }>('{ indicators { code } }')
      ).data!.indicators.map((i) => i.code);
    const was = await codes(one);
    await codes(two);
    const before = await hits(two);
    expect(await codes(two)).toEqual(was);
    expect(await hits(two)).toBe(before + 1); // indicator answers are cached too

    await defineIndicator(one, 'CACHE_CHECK', 'COUNT', [{ value: 100, due: '2020-12-31' }]);
    const now = [...was, 'CACHE_CHECK'].sort();
    expect(await codes(one)).toEqual(now);
    expect(await eventually(() => codes(two), now)).toEqual(now);

    const figures = async (sut: TestCentral) =>
      (
        await sut.gql<{ indicator: { series: { period: string; value: number }[] } }>(
          '{ indicator(code: "CACHE_CHECK") { series { period value } } }',
        )
      ).data!.indicator.series;
    expect(await figures(one)).toEqual([]);
    expect(await figures(two)).toEqual([]);
    const pushed = await pushValues(one, '01', [
      indicatorValue('CACHE_CHECK', '01', 1, '2020-02', 42),
    ]);
    expect(pushed.errors).toBeUndefined();
    const valued = [{ period: '2020-02', value: 42 }];
    expect(await figures(one)).toEqual(valued);
    expect(await eventually(() => figures(two), valued)).toEqual(valued);
  });

  it('each caller has its own answers: a leader is not served the PMO queue', async () => {
    const q = '{ escalations(filter: { mine: true }) { totalCount } }';
    const minister = one.token(roles.minister);
    const pmo1 = await one.gql(q);
    const leader1 = await one.gql(q, {}, minister);
    const pmo2 = await one.gql(q);
    const leader2 = await one.gql(q, {}, minister);
    expect(pmo2.data).toEqual(pmo1.data);
    expect(leader2.data).toEqual(leader1.data);
    expect(leader1.data!.escalations.totalCount).toBeLessThan(pmo1.data!.escalations.totalCount);
  });

  it('a revoked token is refused even for an answer it was served before', async () => {
    const token = one.token(roles.observer);
    const q = '{ programs { code } }';
    expect((await one.gql(q, {}, token)).errors).toBeUndefined();
    expect((await one.gql(q, {}, token)).errors).toBeUndefined();
    const { jti } = jwt.decode(token, { json: true })!;
    const revoked = await one.gql(
      `mutation($jti: ID!) { revokeToken(jti: $jti, reason: "test") }`,
      {
        jti,
      },
    );
    expect(revoked.errors).toBeUndefined();
    expect(errorCode(await one.gql(q, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('an expired token is refused even for an answer it was served before', async () => {
    const token = one.token(roles.observer, '2s');
    const q = '{ units(kind: PROVINCE) { code } }';
    expect((await one.gql(q, {}, token)).errors).toBeUndefined();
    expect((await one.gql(q, {}, token)).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 2100));
    expect(errorCode(await one.gql(q, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('never keeps the clock, the audit log or a refused query', async () => {
    const before = await hits(one);
    for (const q of [
      '{ now }',
      '{ auditLog(first: 1) { totalCount } }',
      '{ milestone(id: "x") { id } programs { code } }',
    ]) {
      await one.gql(q);
      await one.gql(q);
    }
    const observer = one.token(roles.observer);
    await one.gql('{ auditLog(first: 1) { totalCount } }', {}, observer); // forbidden
    await one.gql('{ auditLog(first: 1) { totalCount } }', {}, observer);
    expect(await hits(one)).toBe(before + 1); // only the two-root read of programs and a milestone
  });

  it('identical reads arriving while one is computed wait for its answer, not compute it again', async () => {
    const q = '{ programs { code progress { percentComplete late } } }';
    const followedBefore = await metric(one, 'nsdb_response_cache_followed_total');
    const answers = await withClient(async (holder) => {
      // The first request's computation cannot finish while the program table is locked.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE program IN ACCESS EXCLUSIVE MODE');
      try {
        const sent = Array.from({ length: 5 }, () => one.gql(q));
        for (let i = 0; i < 100; i += 1) {
          if ((await metric(one, 'nsdb_response_cache_waiting')) === 4) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(await metric(one, 'nsdb_response_cache_waiting')).toBe(4);
        await holder.query('COMMIT');
        return await Promise.all(sent);
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
      }
    });
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    expect(answers.map((a) => a.data)).toEqual(Array(5).fill(answers[0].data));
    expect((answers[0].data!.programs as unknown[]).length).toBeGreaterThan(0);
    expect(await metric(one, 'nsdb_response_cache_followed_total')).toBe(followedBefore + 4);
    expect(await metric(one, 'nsdb_response_cache_waiting')).toBe(0);
  });
});
