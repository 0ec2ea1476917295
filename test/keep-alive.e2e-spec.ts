import { Agent, get } from 'node:http';
import { startCentral } from '../apps/central/src/bootstrap';
import { startProvince } from '../apps/province/src/bootstrap';
import { startTestCentral, TEST_SECRET, TestCentral } from './support/central';
import { nodeDatabaseUrl, startTestProvince, TestProvince } from './support/province';

interface Answer {
  status: number | undefined;
  reusedSocket: boolean;
  localPort: number | undefined;
  keepAlive: string | string[] | undefined;
}

/** One GET through `agent`, read to the end; which socket it went on. */
function getVia(agent: Agent, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent }, (res) => {
      const answer = {
        status: res.statusCode,
        reusedSocket: req.reusedSocket,
        localPort: req.socket?.localPort,
        keepAlive: res.headers['keep-alive'],
      };
      res.on('error', reject);
      res.on('end', () => resolve(answer));
      res.resume();
    });
    req.on('error', reject);
  });
}

const IDLE_MS = 10_000;

/**
 * Load balancers and clients commonly keep an idle connection for 60 s. With Node's default
 * of 5 s the server closed it first, and a request sent on it meanwhile met a reset. Here a
 * connection sits idle for 10 s of real time and must still be there for the next request.
 */
describe('keep-alive: an idle connection outlives a load balancer’s', () => {
  let central: TestCentral;
  let node: TestProvince;

  beforeAll(async () => {
    central = await startTestCentral();
    node = await startTestProvince({ code: '01', central, databaseUrl: await nodeDatabaseUrl(0) });
  });

  afterAll(async () => {
    await node?.stop();
    await central?.stop();
  });

  async function idleThenAgain(url: string): Promise<[Answer, Answer]> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await getVia(agent, url);
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const second = await getVia(agent, url);
      return [first, second];
    } finally {
      agent.destroy();
    }
  }

  it('reuses a connection idle for 10 s, on the central app and on a province node', async () => {
    // Both wait at once: the test costs 10 s, not 20.
    const [[c1, c2], [p1, p2]] = await Promise.all([
      idleThenAgain(`${central.url}/health`),
      idleThenAgain(`${node.url}/health`),
    ]);
    for (const [first, second] of [
      [c1, c2],
      [p1, p2],
    ]) {
      expect(first.status).toBe(200);
      expect(first.reusedSocket).toBe(false);
      expect(second.status).toBe(200);
      expect(second.reusedSocket).toBe(true);
      expect(second.localPort).toBe(first.localPort);
      // the server announces how long it keeps the connection: the default, 65 s
      expect(first.keepAlive).toBe('timeout=65');
    }
  });

  it('refuses to start with a headers timeout that does not exceed the keep-alive timeout', async () => {
    const env = {
      DATABASE_URL: 'postgres://unused.invalid/none',
      TOKEN_SECRET: TEST_SECRET,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
      HTTP_HEADERS_TIMEOUT_MS: '60000',
    };
    const message = 'HTTP_HEADERS_TIMEOUT_MS must be greater than HTTP_KEEP_ALIVE_TIMEOUT_MS';
    await expect(startCentral('production', env, false)).rejects.toThrow(message);
    await expect(
      startProvince(
        {
          ...env,
          PROVINCE_CODE: '01',
          CENTRAL_URL: central.url,
          NODE_TOKEN: 'x'.repeat(40),
        },
        false,
      ),
    ).rejects.toThrow(message);
  });
});
