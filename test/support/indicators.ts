import { TestCentral } from './central';

export const DEFINE = `mutation($input: DefineIndicatorInput!) {
  defineIndicator(input: $input) { code name kind measure owner { code } program { code } targets { value due } }
}`;

/** Defines an indicator as the PMO, owned by BTNMT; fails the test if refused. */
export async function defineIndicator(
  sut: TestCentral,
  code: string,
  kind: 'RATIO' | 'COUNT',
  targets: { value: number; due: string }[],
): Promise<void> {
  const r = await sut.gql(DEFINE, {
    input: {
      code,
      name: `Chỉ tiêu ${code}`,
      kind,
      measure: kind === 'RATIO' ? '%' : 'hồ sơ',
      ownerCode: 'BTNMT',
      targets,
    },
  });
  if (r.errors) throw new Error(`defineIndicator ${code}: ${JSON.stringify(r.errors)}`);
}
