// A fresh embedded database starts from the kept initdb cluster (pglite-template.ts), and
// one that exists resumes as it was: the template never overwrites data. PGlite cannot
// start inside jest's sandbox, so each database runs in a process of its own, from dist/.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const root = join(__dirname, '..');
const MODULE = join(root, 'dist/libs/persistence/src/embedded-postgres.js');

/** An embedded database on `data` in a child process; resolves with its URL. */
function embedded(data: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const script = `require(${JSON.stringify(MODULE)}).startEmbeddedPostgres(process.argv[1]).then((db) => {
    process.stdout.write(db.url + '\\n');
    process.stdin.on('end', () => db.stop().then(() => process.exit(0))).resume();
  });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script, data], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded database exited ${code}`)));
    child.stdout!.once('data', (d: Buffer) =>
      resolve({
        url: d.toString().trim(),
        stop: async () => {
          child.stdin!.end();
          await exited;
        },
      }),
    );
  });
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL from the kept fresh cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-pg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a new data folder starts from the template, and keeps what is written', async () => {
    const data = join(dir, 'pg');
    const first = await embedded(data);
    try {
      await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    } finally {
      await first.stop();
    }
    expect(existsSync(join(data, 'PG_VERSION'))).toBe(true);
    // kept by this or an earlier fresh start (the tests' own databases, a first npm start)
    expect(existsSync(join(root, 'node_modules/.cache/nsdb-tracker'))).toBe(true);

    const again = await embedded(data);
    try {
      expect(await query(again.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    } finally {
      await again.stop();
    }
  });
});
