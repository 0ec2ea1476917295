import { errorCode, roles, startTestCentral, TestCentral } from './support/central';
import { sql } from './support/database';
import { DEFINE } from './support/indicators';

const input = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  name: '  Tỷ lệ dịch vụ công mức độ 4 ',
  kind: 'RATIO',
  measure: '%',
  ownerCode: 'VPCP',
  targets: [
    { value: 0.3, due: '2020-12-31' },
    { value: 0.1, due: '2019-12-31' },
  ],
  ...over,
});

describe('defineIndicator', () => {
  let sut: TestCentral;

  beforeAll(async () => {
    sut = await startTestCentral();
  });

  afterAll(async () => {
    await sut.stop();
  });

  it('defines an indicator (name normalised, targets by due day), audited, then refuses the same code', async () => {
    const first = await sut.gql(DEFINE, { input: input('L4_SHARE') });
    expect(first.errors).toBeUndefined();
    expect(first.data!.defineIndicator).toEqual({
      code: 'L4_SHARE',
      name: 'Tỷ lệ dịch vụ công mức độ 4',
      kind: 'RATIO',
      measure: '%',
      reportedBy: 'PROVINCES',
      owner: { code: 'VPCP' },
      program: null,
      targets: [
        { value: 0.1, due: '2019-12-31' },
        { value: 0.3, due: '2020-12-31' },
      ],
    });
    const again = await sut.gql(DEFINE, { input: input('L4_SHARE', { name: 'Khác' }) });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].message).toMatch(/L4_SHARE exists already/);
    const audited = await sql<{ reportedBy: string }>(
      `SELECT detail->>'reportedBy' AS "reportedBy" FROM audit_log
       WHERE action = 'indicator.define' AND subject = 'L4_SHARE'`,
    );
    expect(audited).toEqual([{ reportedBy: 'PROVINCES' }]);
    const read = await sut.gql(`{ indicators { code } indicator(code: "L4_SHARE") { name } }`);
    expect(read.data).toEqual({
      indicators: [{ code: 'L4_SHARE' }],
      indicator: { name: 'Tỷ lệ dịch vụ công mức độ 4' },
    });
  });

  it('defines one its owner reports nationally: answered, read back and audited with the definition', async () => {
    const r = await sut.gql(DEFINE, {
      input: input('ONLINE_DOSSIERS', { reportedBy: 'OWNER', targets: [] }),
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.defineIndicator).toMatchObject({
      code: 'ONLINE_DOSSIERS',
      reportedBy: 'OWNER',
      owner: { code: 'VPCP' },
    });
    const read = await sut.gql(`{ indicator(code: "ONLINE_DOSSIERS") { reportedBy } }`);
    expect(read.data).toEqual({ indicator: { reportedBy: 'OWNER' } });
    const audited = await sql<{ reportedBy: string; ownerCode: string }>(
      `SELECT detail->>'reportedBy' AS "reportedBy", detail->>'ownerCode' AS "ownerCode"
       FROM audit_log WHERE action = 'indicator.define' AND subject = 'ONLINE_DOSSIERS'`,
    );
    expect(audited).toEqual([{ reportedBy: 'OWNER', ownerCode: 'VPCP' }]);
    expect(await sql(`SELECT reported_by FROM indicator WHERE code = 'ONLINE_DOSSIERS'`)).toEqual([
      { reported_by: 'OWNER' },
    ]);
  });

  it('refuses who reports it when it is no IndicatorReporters value (BAD_USER_INPUT), nothing written', async () => {
    const r = await sut.gql(DEFINE, { input: input('BAD_REPORTERS', { reportedBy: 'AGENCIES' }) });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(await sql(`SELECT 1 FROM indicator WHERE code = 'BAD_REPORTERS'`)).toEqual([]);
  });

  it.each([
    ['an observer', roles.observer],
    ['a leader', roles.minister],
    ['a province node', roles.provinceNode('01')],
    ['an agency', roles.agency('VPCP')],
  ])('%s may not define one, and nothing is written', async (_, role) => {
    const r = await sut.gql(DEFINE, { input: input('NOT_MINE') }, sut.token(role));
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect(await sql(`SELECT 1 FROM indicator WHERE code = 'NOT_MINE'`)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a lower-case code', { code: 'l4' }, /code/],
    ['an owner that is no agency', { ownerCode: '01' }, /ownerCode|central agency/],
    ['an unknown program', { programCode: 'NOPE' }, /no program NOPE/],
    ['a RATIO target above 1', { targets: [{ value: 30, due: '2020-12-31' }] }, /share 0-1/],
    [
      'two targets on one day',
      {
        targets: [
          { value: 0.1, due: '2020-12-31' },
          { value: 0.2, due: '2020-12-31' },
        ],
      },
      /two targets/,
    ],
    ['a negative target', { kind: 'COUNT', targets: [{ value: -1, due: '2020-12-31' }] }, /value/],
  ])('refuses %s (BAD_USER_INPUT), nothing written', async (_, over, message) => {
    const r = await sut.gql(DEFINE, { input: input('BAD_ONE', over) });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(message);
    expect(await sql(`SELECT 1 FROM indicator WHERE code IN ('BAD_ONE', 'l4')`)).toEqual([]);
  });
});
