import { centralAuthority, signToken } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CLOCK, TEST_SECRET } from './support/central';
import { AppProcess, ARTIFACTS, freePort, waitHealthy } from './support/processes';

/**
 * `npm start` as the README runs it: built, no DATABASE_URL, so the embedded database
 * starts in a worker thread while the app loads (launch.ts). Its data must outlive a
 * clean stop, and a database that cannot start must end the process, not hang it.
 */
describe('the demo on its embedded database', () => {
  const token = signToken(centralAuthority(TEST_SECRET), { role: Role.PMO }, '1h');

  async function gql(url: string, query: string): Promise<any> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return res.json();
  }

  async function startDemo(name: string, dataDir: string) {
    const port = await freePort();
    const demo = new AppProcess(name, 'apps/central/src/demo.js', {
      DATA_DIR: dataDir,
      PORT: String(port),
      TOKEN_SECRET: TEST_SECRET,
      CLOCK_NOW: DEMO_CLOCK,
    });
    demo.start();
    return { demo, url: `http://127.0.0.1:${port}` };
  }

  it('answers, and keeps what was written across a stop by SIGTERM and a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-start-'));
    const first = await startDemo('demo-start-1', dataDir);
    try {
      await waitHealthy(first.url);
      const created = await gql(
        first.url,
        `mutation { createProgram(input: { code: "KEPT", name: "Kept across restarts", ownerCode: "BTP", model: CENTRALIZED }) { code } }`,
      );
      expect(created).toEqual({ data: { createProgram: { code: 'KEPT' } } });
      await first.demo.kill('SIGTERM');
      expect(await first.demo.exit()).toBe(0);
    } finally {
      await first.demo.kill('SIGKILL');
    }

    const second = await startDemo('demo-start-2', dataDir);
    try {
      await waitHealthy(second.url);
      const { data } = await gql(second.url, '{ programs { code } }');
      expect(data.programs.map((p: { code: string }) => p.code)).toEqual([
        'CIVIL_STATUS',
        'ENTERPRISE',
        'KEPT',
        'LAND',
        'POPULATION',
        'SOCIAL_INSURANCE',
      ]);
    } finally {
      await second.demo.kill('SIGKILL');
    }
  }, 120_000);

  it('exits with an error naming the database when it cannot start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-start-bad-'));
    // where the database's folder should be, a file: PGlite cannot make its directory
    writeFileSync(join(dataDir, 'pg'), 'not a directory');
    const { demo } = await startDemo('demo-start-bad', dataDir);
    try {
      expect(await demo.exit()).toBe(1);
      const log = readFileSync(join(ARTIFACTS, 'demo-start-bad.log'), 'utf8');
      expect(log).toMatch(/demo failed to start: .*embedded database/);
    } finally {
      await demo.kill('SIGKILL');
    }
  }, 60_000);
});
