// npm run reorganise, as an operator runs it: its own process on the server's database.
import { TEST_SECRET } from './support/central';
import { resetDatabase, sql, testDatabaseUrl } from './support/database';
import { CliRun, runBuiltCli } from './support/processes';

function reorganise(...args: string[]): Promise<CliRun> {
  return runBuiltCli('apps/central/src/cli/reorganise.cli.js', args, {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: testDatabaseUrl(),
      TOKEN_SECRET: TEST_SECRET,
    },
    timeoutMs: 90_000,
  });
}

describe('npm run reorganise', () => {
  beforeAll(() => resetDatabase());

  it('says what a map would do, applies it, and refuses it a second time', async () => {
    const args = ['--map', 'provinces-2025', '--effective', '2025-07-01'];
    const dry = await reorganise(...args, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run, nothing changed: effective 2025-07-01');
    expect(dry.stdout).toContain('units ending on the day before: 53');
    expect(dry.stdout).toContain('  Huế (46) from Thừa Thiên Huế (46)');
    expect(await sql(`SELECT 1 FROM unit WHERE valid_to IS NOT NULL`)).toEqual([]);

    const applied = await reorganise(...args);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(
      /^applied \(reorganisation [0-9a-f-]{36}\): effective 2025-07-01$/m,
    );
    expect(applied.stdout).toContain('units beginning: 24');
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM unit WHERE kind = 'PROVINCE' AND valid_to IS NULL`,
    );
    expect(n).toBe(34);

    const again = await reorganise(...args);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toBe(
      'reorganise: mergers: this map was already applied on 2025-07-01: see reorganisations; applying it again would change nothing\n',
    );
  }, 200_000);
});
