/** The centre could not be reached (network, timeout, 5xx): try again later. */
export class CentralUnreachable extends Error {}

/** The centre answered and refused (a GraphQL error): retrying unchanged will not help until something changes. */
export class CentralRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The centre asked this node to slow down: wait at least `retryAfterMs` before the next round. */
export class CentralRateLimited extends CentralRefused {
  constructor(readonly retryAfterMs: number) {
    super(
      'RATE_LIMITED',
      `central app rate limit reached; retrying in ${Math.round(retryAfterMs / 1000)} s`,
    );
  }
}

/** A slow link is fine; a hung one must not stall the loop forever. */
const REQUEST_TIMEOUT_MS = 20_000;

/** GraphQL over HTTP to the central app, with this node's PROVINCE_NODE token. */
export class CentralClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T, V extends object = Record<string, unknown>>(
    query: string,
    variables: V | Record<string, never> = {},
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new CentralUnreachable(`central app unreachable: ${describe(e)}`);
    }
    if (res.status === 429) {
      const seconds = Number(res.headers.get('retry-after'));
      throw new CentralRateLimited(
        Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000,
      );
    }
    if (res.status >= 500) {
      throw new CentralUnreachable(`central app answered HTTP ${res.status}`);
    }
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new CentralUnreachable(`central app answered HTTP ${res.status} without JSON`);
    }
    if (body.errors?.length) {
      const [first] = body.errors;
      throw new CentralRefused(
        first.extensions?.code ?? 'UNKNOWN',
        `central app refused: ${first.message}`,
      );
    }
    if (!body.data)
      throw new CentralUnreachable(`central app answered HTTP ${res.status} without data`);
    return body.data;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? e.message;
  }
  return String(e);
}
