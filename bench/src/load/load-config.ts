/** One node's side of W1: its token, its province, where its seqs continue, what it reports on. */
export interface PushingNode {
  token: string;
  unitCode: string;
  nextSeq: number;
  targets: { programCode: string; key: string }[];
}

export type LoadRequests =
  | { kind: 'fixed'; headers: Record<string, string>; body: string }
  | {
      kind: 'push';
      nodes: PushingNode[];
      batchSize: number;
      reportedAt: string;
      /** Keeps idempotency keys unique across runs on one database. */
      runTag: string;
      /** Builds the HTTP body from the batch: GraphQL for the API, plain JSON for the floor. */
      format: 'graphql' | 'floor';
    };

export interface LoadConfig {
  url: string;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  requests: LoadRequests;
}

export interface LoadResult {
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** W1: updates the server said it applied. */
  applied: number;
}
