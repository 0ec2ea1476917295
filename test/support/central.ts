import { LoggerService } from '@nestjs/common';
import { signToken, TokenRequest } from '@tracker/auth';
import { EscalationLevel, Role } from '@tracker/domain';
import { RunningCentral, startCentral } from '../../apps/central/src/bootstrap';
import { EscalationEngine } from '../../apps/central/src/escalations/escalation-engine';
import { resetDatabase, testDatabaseUrl } from './database';

export const TEST_SECRET = 'test-secret-that-is-long-enough-to-be-accepted';
export const DEMO_CLOCK = '2020-03-01T00:00:00Z';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
}

export interface TestCentral {
  url: string;
  running: RunningCentral;
  token(request: TokenRequest, ttl?: string): string;
  /** A real HTTP POST to /graphql. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResult<T>>;
  /** Resolves once the escalations of every report pushed so far have been evaluated. */
  escalationsSettled(): Promise<void>;
  stop(): Promise<void>;
}

export const roles = {
  pmo: { role: Role.PMO },
  observer: { role: Role.OBSERVER },
  minister: { role: Role.LEADER, level: EscalationLevel.MINISTER, unit: 'BTNMT' },
  provinceNode: (unit: string) => ({ role: Role.PROVINCE_NODE, unit }),
  agency: (unit: string) => ({ role: Role.AGENCY, unit }),
} satisfies Record<string, TokenRequest | ((u: string) => TokenRequest)>;

/**
 * The real central app on a fresh database, listening on a free port.
 * `demo` loads the 2020 demo; otherwise only the reference units.
 */
export async function startTestCentral(
  options: {
    demo?: boolean;
    clockNow?: string;
    keepData?: boolean;
    port?: string;
    env?: Record<string, string>;
    logger?: LoggerService;
  } = {},
): Promise<TestCentral> {
  // keepData: a second instance on the same database, as when two run behind a load balancer.
  if (!options.keepData) await resetDatabase();
  const running = await startCentral(
    options.demo ? 'demo' : 'production',
    {
      DATABASE_URL: testDatabaseUrl(),
      TOKEN_SECRET: TEST_SECRET,
      CLOCK_NOW: options.clockNow ?? DEMO_CLOCK,
      PORT: options.port ?? '0',
      DATA_DIR: '/nonexistent-test-data-dir',
      // Tests make many requests a minute with one token; the rate limit test sets its own.
      RATE_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    },
    options.logger ?? (process.env.TEST_LOGS ? undefined : false),
  );
  const url = running.url;
  const engine = running.app.get(EscalationEngine);
  // Reports are evaluated a second apart in production; tests need not wait that long.
  engine.gapMs = 10;
  const token = (request: TokenRequest, ttl = '1h') => signToken(running.authority, request, ttl);
  const pmo = token(roles.pmo);
  return {
    url,
    running,
    token,
    async gql(query, variables, bearer = pmo) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      let body: GqlResult;
      try {
        body = JSON.parse(text) as GqlResult;
      } catch {
        throw new Error(`HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
      }
      return { status: res.status, data: body.data as any, errors: body.errors };
    },
    escalationsSettled: () => engine.settled(),
    stop: () => running.stop(),
  };
}

/** The error code of the first error, for refusals. */
export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/**
 * The demo central for the calling describe block: started before each test (fresh data
 * for every one) or once before all of them, and stopped after. What it returns stands
 * for whichever app is running at the time, so a file can name it once, where it declares
 * its tests, and several files share the start and stop instead of each repeating them.
 */
export function demoCentral(
  lifetime: 'per-test' | 'per-file',
  options: Parameters<typeof startTestCentral>[0] = {},
): TestCentral {
  let current: TestCentral | undefined;
  const [before, after] = lifetime === 'per-test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    current = await startTestCentral({ demo: true, ...options });
  });
  after(async () => {
    await current?.stop();
    current = undefined;
  });
  const now = (): TestCentral => {
    if (!current) throw new Error('the demo central runs only while a test of its block does');
    return current;
  };
  return {
    get url() {
      return now().url;
    },
    get running() {
      return now().running;
    },
    token: (request, ttl) => now().token(request, ttl),
    gql: (query, variables, bearer) => now().gql(query, variables, bearer),
    escalationsSettled: () => now().escalationsSettled(),
    stop: () => now().stop(),
  };
}
