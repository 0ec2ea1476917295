import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ChangeBus } from '../apps/central/src/platform/changes/change-bus';
import { roles, startTestCentral, TestCentral } from './support/central';
import { landUpdate, PUSH } from './support/updates';

/**
 * A leader's screen subscribed on one central instance hears of a report that
 * another instance applied: the change travels through the database
 * (LISTEN/NOTIFY on a server), not through either instance's memory.
 */
describe('live changes (graphql-ws)', () => {
  let one: TestCentral;
  let two: TestCentral;

  beforeAll(async () => {
    one = await startTestCentral({ demo: true });
    two = await startTestCentral({ demo: true, keepData: true });
  });

  afterAll(async () => {
    await one.stop();
    await two.stop();
  });

  function subscribe(sut: TestCentral, token: string | null) {
    const events: { kind: string }[] = [];
    const errors: unknown[] = [];
    const client = createClient({
      url: sut.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
    const done = new Promise<void>((resolve) => {
      client.subscribe(
        { query: 'subscription { changes { kind programIds } }' },
        {
          next: (v) => {
            if (v.errors) errors.push(...v.errors);
            else events.push((v.data as { changes: { kind: string } }).changes);
          },
          error: (e) => {
            errors.push(e);
            resolve();
          },
          complete: resolve,
        },
      );
    });
    return { events, errors, done, close: () => client.dispose() };
  }

  async function until(check: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a live change');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a report applied on one instance reaches a subscriber of the other', async () => {
    const sub = subscribe(two, two.token(roles.minister));
    try {
      // Listening once an event of two's own bus reaches it (graphql-ws has no ack for a subscribe).
      const bus = two.running.app.get(ChangeBus);
      await until(() => {
        if (sub.events.some((e) => e.kind === 'plan')) return true;
        bus.deliver({ kind: 'plan', programIds: null });
        return false;
      });
      const r = await one.gql(
        PUSH,
        { updates: [landUpdate('01', 1, { percentComplete: 77 })] },
        one.token(roles.provinceNode('01')),
      );
      expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
      await until(() => sub.events.some((e) => e.kind === 'milestones'));
      expect(sub.events.find((e) => e.kind === 'milestones')).toMatchObject({
        kind: 'milestones',
        programIds: [expect.any(String)],
      });
    } finally {
      await sub.close();
    }
  });

  it('refuses a subscription without a valid token', async () => {
    const sub = subscribe(one, null);
    await until(() => sub.errors.length > 0);
    expect(JSON.stringify(sub.errors)).toMatch(/bearer token is required/);
    expect(sub.events).toEqual([]);
    await sub.close();
  });
});
