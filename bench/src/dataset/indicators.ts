import { gql } from '../graphql-client';

/**
 * The indicators every dataset carries (Q5): the seed's three, defined through
 * the API as the PMO does. Targets fall after the bench's central date
 * (2026-06-30), so each has a projection to answer.
 */
export const BENCH_INDICATORS = [
  {
    code: 'L4_SERVICES',
    name: 'Dịch vụ công trực tuyến mức độ 4',
    kind: 'RATIO',
    measure: '%',
    ownerCode: 'BTTTT',
    targets: [
      { value: 0.3, due: '2026-12-31' },
      { value: 0.5, due: '2027-12-31' },
    ],
  },
  {
    code: 'ONLINE_DOSSIERS',
    name: 'Hồ sơ xử lý trực tuyến',
    kind: 'RATIO',
    measure: '%',
    ownerCode: 'BTTTT',
    targets: [{ value: 0.2, due: '2026-12-31' }],
  },
  {
    code: 'RECORDS_DIGITISED',
    name: 'Hồ sơ công dân được số hoá',
    kind: 'COUNT',
    measure: 'hồ sơ',
    ownerCode: 'BCA',
    targets: [{ value: 96_000_000, due: '2027-06-30' }],
  },
] as const;

/** The indicator whose provinces Q5 ranks. */
export const Q5_RANKED = BENCH_INDICATORS[0].code;

export async function defineBenchIndicators(url: string, pmoToken: string): Promise<void> {
  for (const input of BENCH_INDICATORS)
    await gql(
      url,
      pmoToken,
      `mutation($input: DefineIndicatorInput!) { defineIndicator(input: $input) { code } }`,
      { input },
    );
}
