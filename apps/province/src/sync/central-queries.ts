// What a node asks of the central app (central.graphql), and the shapes it gets back.
import type {
  PullHeadQuery,
  PullMilestonesQuery,
  PushMutation,
  PushMutationVariables,
} from './central-api.generated';

// The indicators ride the head; the node keeps those the provinces report (provincesReport).
export const PULL_HEAD = `query PullHead {
  now
  programs { code planVersion }
  syncStatus { unit { code } highestSeq }
  indicators { code name kind measure reportedBy }
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

export const PUSH = `mutation Push($updates: [MilestoneUpdateInput!]!, $values: [IndicatorValueInput!]!) {
  pushMilestoneUpdates(input: { updates: $updates, indicatorValues: $values }) {
    highestAckedSeq
    results { idempotencyKey outcome firstOutcome reason }
    indicatorResults { idempotencyKey outcome firstOutcome reason }
  }
}`;

// The answers' types are generated from schema.gql (npm run schema): a central API change
// that breaks one of these questions fails to generate or to compile.
export type PullHead = PullHeadQuery;
export type CentralIndicator = PullHeadQuery['indicators'][number];

/**
 * The indicators a province reports: not one its owner agency reports nationally
 * (the centre would refuse the province's value). Who reports an indicator is set
 * when it is defined and never changes, so one the node keeps stays its to report.
 */
export function provincesReport(indicators: readonly CentralIndicator[]): CentralIndicator[] {
  return indicators.filter((i) => i.reportedBy === 'PROVINCES');
}
export type PullMilestonesPage = PullMilestonesQuery;
export type CentralMilestone = PullMilestonesQuery['milestones']['edges'][number]['node'];
export type PushAnswer = PushMutation;
export type PushVariables = PushMutationVariables;
