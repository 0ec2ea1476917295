import { randomUUID } from 'node:crypto';
import { GqlResult, roles, TestCentral } from './central';

export interface UpdateInput {
  idempotencyKey: string;
  seq: number;
  programCode: string;
  key: string;
  unitCode: string;
  status: string;
  percentComplete: number;
  forecastDue?: string | null;
  completedOn?: string | null;
  blocker?: string | null;
  note?: string | null;
  reportedAt: string;
}

/** A valid IN_PROGRESS update for a LAND province milestone; override what the test is about. */
export function landUpdate(
  unitCode: string,
  seq: number,
  over: Partial<UpdateInput> = {},
): UpdateInput {
  return {
    idempotencyKey: randomUUID(),
    seq,
    programCode: 'LAND',
    key: 'LAND-P-02',
    unitCode,
    status: 'IN_PROGRESS',
    percentComplete: 50,
    reportedAt: '2020-02-28T09:00:00+07:00',
    ...over,
  };
}

export const PUSH = `mutation($updates: [MilestoneUpdateInput!]!) {
  pushMilestoneUpdates(input: { updates: $updates }) {
    highestAckedSeq
    results { idempotencyKey outcome firstOutcome reason milestone { key status percentComplete version unit { code } } }
  }
}`;

/** Pushes a batch to the central, as province 01's node unless another token is given. */
export function pusher(sut: TestCentral) {
  return (
    updates: UpdateInput[],
    token = sut.token(roles.provinceNode('01')),
  ): Promise<GqlResult> => sut.gql(PUSH, { updates }, token);
}
