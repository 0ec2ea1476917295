// What a node asks of the central app (central.graphql), and the shapes it gets back.
import type {
  PullHeadQuery,
  PullMilestonesQuery,
  PushMutation,
  PushMutationVariables,
} from './central-api.generated';

export const PULL_HEAD = `query PullHead {
  now
  programs { code planVersion }
  syncStatus { unit { code } highestSeq }
}`;

export const PULL_MILESTONES = `query PullMilestones($unit: ID!, $after: String) {
  milestones(filter: { unitCode: $unit, scope: PROVINCE }, first: 200, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      key title baselineDue status percentComplete forecastDue completedOn blocker note version
      program { code }
    } }
  }
}`;

export const PUSH = `mutation Push($updates: [MilestoneUpdateInput!]!) {
  pushMilestoneUpdates(input: { updates: $updates }) {
    highestAckedSeq
    results { idempotencyKey outcome firstOutcome reason }
  }
}`;

// The answers' types are generated from schema.gql (npm run schema): a central API change
// that breaks one of these questions fails to generate or to compile.
export type PullHead = PullHeadQuery;
export type PullMilestonesPage = PullMilestonesQuery;
export type CentralMilestone = PullMilestonesQuery['milestones']['edges'][number]['node'];
export type PushAnswer = PushMutation;
export type PushVariables = PushMutationVariables;
