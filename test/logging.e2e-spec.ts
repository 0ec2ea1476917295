import { Logger } from '@nestjs/common';
import { JsonLogger } from '@tracker/api';
import { roles, startTestCentral, TestCentral } from './support/central';
import { landUpdate, PUSH } from './support/updates';

/** Production logs: one JSON object a line, naming the request, never holding a token. */
describe('structured logs', () => {
  let sut: TestCentral;
  const lines: string[] = [];

  beforeAll(async () => {
    sut = await startTestCentral({
      demo: true,
      logger: new JsonLogger((line) => lines.push(line)),
    });
  });

  afterAll(async () => {
    await sut.stop();
  });

  it('carries the request id of the request that caused it, and logs none of its token', async () => {
    const token = sut.token(roles.provinceNode('01'));
    const res = await fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': 'req-log-1',
      },
      body: JSON.stringify({
        query: PUSH,
        variables: { updates: [landUpdate('01', 1, { note: `thử ${token}` })] },
      }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-log-1');
    const parsed = lines.map(
      (l) =>
        JSON.parse(l) as {
          level: string;
          context?: string;
          requestId?: string;
          message: string;
          time: string;
        },
    );
    const push = parsed.find((l) => l.context === 'SyncService' && l.requestId === 'req-log-1');
    expect(push).toMatchObject({
      level: 'log',
      message: 'province_node:01: 1 APPLIED, acked up to 1',
    });
    expect(Number.isNaN(Date.parse(push!.time))).toBe(false);
    expect(lines.join('\n')).not.toContain(token);
  });

  it("redacts a token in whatever the app's own loggers write", () => {
    // A Logger of the app's code (new Logger(Class.name)) writes through the app's logger.
    const token = sut.token(roles.pmo);
    const before = lines.length;
    new Logger('SyncService').warn(`refused Bearer ${token}`);
    expect(lines.slice(before).map((l) => JSON.parse(l) as { message: string })).toEqual([
      expect.objectContaining({ context: 'SyncService', message: 'refused Bearer [token]' }),
    ]);
  });

  it('makes a request id when the caller sends none or a strange one', async () => {
    const res = await fetch(`${sut.url}/health`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
