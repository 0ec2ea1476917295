// npm run verify-rollups, as an operator runs it: its own process on the server's database.
import { startTestCentral } from './support/central';
import { sql, testDatabaseUrl } from './support/database';
import { CliRun, runBuiltCli } from './support/processes';

function verifyRollups(): Promise<CliRun> {
  return runBuiltCli('apps/central/src/cli/verify-rollups.cli.js', [], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: testDatabaseUrl() },
    timeoutMs: 90_000,
  });
}

describe('npm run verify-rollups', () => {
  it('says the maintained roll-ups agree (exit 0), then names what an edit behind them broke (exit 1)', async () => {
    const central = await startTestCentral({ demo: true });
    await central.stop();
    const [{ milestones, cells }] = await sql<{ milestones: number; cells: number }>(
      `SELECT (SELECT count(*) FROM milestone)::int AS milestones, (SELECT count(*) FROM rollup_cell)::int AS cells`,
    );
    const agree = await verifyRollups();
    expect(agree).toEqual({
      code: 0,
      stdout: `verify-rollups: 2020-03-01: ${milestones} milestones, ${cells} cells, maintained equals recomputed\n`,
      stderr: '',
    });

    await sql(`UPDATE rollup_cell SET done = done + 1 WHERE unit_id = (SELECT id FROM unit WHERE code = '01')
      AND program_id = (SELECT id FROM program WHERE code = 'LAND')`);
    const differ = await verifyRollups();
    expect(differ.code).toBe(1);
    const lines = differ.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^LAND\/01: maintained total=\d+ .*done=(\d+) .*, computed total=\d+ .*done=\d+/,
    );
    expect(lines[1]).toBe(
      `verify-rollups: 2020-03-01: ${milestones} milestones, ${cells} cells, 1 differ`,
    );
  });
});
