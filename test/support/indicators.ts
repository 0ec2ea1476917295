import { randomUUID } from 'node:crypto';
import { GqlResult, roles, TestCentral } from './central';
import { UpdateInput } from './updates';

export const DEFINE = `mutation($input: DefineIndicatorInput!) {
  defineIndicator(input: $input) { code name kind measure reportedBy owner { code } program { code } targets { value due } }
}`;

export interface ValueInput {
  idempotencyKey: string;
  seq: number;
  indicatorCode: string;
  unitCode: string;
  period: string;
  numerator: number;
  denominator?: number | null;
  note?: string | null;
  reportedAt: string;
}

/**
 * Defines an indicator as the PMO, owned by BTNMT and reported by the provinces unless
 * `over` says otherwise; fails the test if refused.
 */
export async function defineIndicator(
  sut: TestCentral,
  code: string,
  kind: 'RATIO' | 'COUNT',
  targets: { value: number; due: string }[],
  over: { ownerCode?: string; reportedBy?: 'PROVINCES' | 'OWNER' } = {},
): Promise<void> {
  const r = await sut.gql(DEFINE, {
    input: {
      code,
      name: `Chỉ tiêu ${code}`,
      kind,
      measure: kind === 'RATIO' ? '%' : 'hồ sơ',
      ownerCode: 'BTNMT',
      targets,
      ...over,
    },
  });
  if (r.errors) throw new Error(`defineIndicator ${code}: ${JSON.stringify(r.errors)}`);
}

/** The two indicators the node tests report: a share (RATIO) and a count (COUNT). */
export async function defineRatioAndCount(sut: TestCentral): Promise<void> {
  await defineIndicator(sut, 'L4_SHARE', 'RATIO', [{ value: 0.3, due: '2020-12-31' }]);
  await defineIndicator(sut, 'RECORDS', 'COUNT', [{ value: 90_000, due: '2020-12-31' }]);
}

/** A valid value for a month; override what the test is about. */
export function indicatorValue(
  indicatorCode: string,
  unitCode: string,
  seq: number,
  period: string,
  numerator: number,
  denominator: number | null = null,
): ValueInput {
  return {
    idempotencyKey: randomUUID(),
    seq,
    indicatorCode,
    unitCode,
    period,
    numerator,
    denominator,
    reportedAt: '2020-02-28T09:00:00+07:00',
  };
}

export const PUSH_WITH_VALUES = `mutation($updates: [MilestoneUpdateInput!]!, $values: [IndicatorValueInput!]) {
  pushMilestoneUpdates(input: { updates: $updates, indicatorValues: $values }) {
    highestAckedSeq
    results { idempotencyKey outcome reason }
    indicatorResults { idempotencyKey outcome reason }
  }
}`;

/** Pushes updates and values in one batch, as the given unit's node. */
export function pushValues(
  sut: TestCentral,
  unitCode: string,
  values: ValueInput[],
  updates: UpdateInput[] = [],
): Promise<GqlResult> {
  return sut.gql(PUSH_WITH_VALUES, { updates, values }, sut.token(roles.provinceNode(unitCode)));
}

/** Pushes values as a central agency (its own unit code), through the same mutation. */
export function pushAgencyValues(
  sut: TestCentral,
  agencyCode: string,
  values: ValueInput[],
): Promise<GqlResult> {
  return sut.gql(PUSH_WITH_VALUES, { updates: [], values }, sut.token(roles.agency(agencyCode)));
}
