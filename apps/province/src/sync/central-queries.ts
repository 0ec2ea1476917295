// What a node asks of the central app (central.graphql), and the shapes it gets back.

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

export interface PullHead {
  now: string;
  programs: { code: string; planVersion: number }[];
  syncStatus: { unit: { code: string }; highestSeq: number }[];
}

export interface CentralMilestone {
  key: string;
  title: string;
  baselineDue: string;
  status: string;
  percentComplete: number;
  forecastDue: string | null;
  completedOn: string | null;
  blocker: string | null;
  note: string | null;
  version: number;
  program: { code: string };
}

export interface PullMilestonesPage {
  milestones: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: CentralMilestone }[];
  };
}

export interface PushAnswer {
  pushMilestoneUpdates: {
    highestAckedSeq: number;
    results: {
      idempotencyKey: string;
      outcome: string;
      firstOutcome: string;
      reason: string | null;
    }[];
  };
}
