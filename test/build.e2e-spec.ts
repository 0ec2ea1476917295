// scripts/build.mjs, the conditional build every npm script runs first: two scripts
// started at once while a rebuild is due both work, one of them compiles, the other waits
// and compiles nothing, and a process starting meanwhile never meets a half-written dist.
// On a copy of the project in a scratch folder, so the real dist/ is never touched; the
// copy starts from the real build (npm test's pretest made it), so only one compile runs.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = join(__dirname, '..');
const SECRET = 'build-test-secret-build-test-secret-0123';
const TOKEN_CLI = 'dist/libs/auth/src/cli/token.cli.js';

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcess): Promise<Done> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** What `npm run token -- --role ROLE` runs, in the copy: the conditional build, then the CLI. */
function buildThenToken(project: string, role: string): Promise<Done> {
  const command = `node scripts/build.mjs && node ${TOKEN_CLI} --role ${role}`;
  return finished(
    spawn('sh', ['-c', command], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '', TOKEN_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

function node(project: string, args: string[]): Promise<Done> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: project, env: { PATH: process.env.PATH ?? '', TOKEN_SECRET: SECRET } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const roleOf = (token: string) =>
  (JSON.parse(Buffer.from(token.trim().split('.')[1], 'base64url').toString()) as { role: string })
    .role;

const stamp = (project: string) => readFileSync(join(project, 'dist', '.build-stamp'), 'utf8');

describe('the conditional build (scripts/build.mjs)', () => {
  let project: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'tracker-build-'));
    for (const path of ['apps', 'libs', 'migrations', 'bench/src', 'scripts'])
      cpSync(join(root, path), join(project, path), { recursive: true });
    for (const file of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
    ])
      cpSync(join(root, file), join(project, file));
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
    // the real build, as the copy's current tree: same sources, so the same stamp
    const tree = realpathSync(join(root, 'dist'));
    cpSync(tree, join(project, basename(tree)), { recursive: true });
    symlinkSync(basename(tree), join(project, 'dist'));
    // compiles only if the real dist/ was stale (sources edited since the pretest build)
    expect((await node(project, ['scripts/build.mjs'])).code).toBe(0);
  }, 240_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('builds nothing when the sources are as built, even touched', async () => {
    const before = stamp(project);
    const now = new Date();
    utimesSync(join(project, 'libs/domain/src/index.ts'), now, now);
    const again = await node(project, ['scripts/build.mjs']);
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(stamp(project)).toBe(before);
  });

  it('two scripts started at once while a rebuild is due: both work, one compiles', async () => {
    const oldTree = readlinkSync(join(project, 'dist'));
    const oldStamp = stamp(project);
    appendFileSync(join(project, 'libs/domain/src/index.ts'), '// changed by build.e2e-spec\n');
    // a builder killed earlier left its lock: the two must take it over, not wait forever
    const dead = await node(project, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(
      join(project, 'dist.lock'),
      JSON.stringify({ pid: Number(dead.stdout), since: new Date().toISOString() }),
    );

    const both = Promise.all([buildThenToken(project, 'PMO'), buildThenToken(project, 'OBSERVER')]);
    let running = true;
    void both.finally(() => (running = false));
    // meanwhile, processes that start straight from dist/ (as the tests' and CI's do)
    const meanwhile: Done[] = [];
    while (running) meanwhile.push(await node(project, [TOKEN_CLI, '--role', 'PMO']));
    const [a, b] = await both;

    expect([a.code, b.code]).toEqual([0, 0]);
    expect([roleOf(a.stdout), roleOf(b.stdout)]).toEqual(['PMO', 'OBSERVER']);
    const logs = a.stderr + b.stderr;
    expect(logs.match(/compiled into/g)).toHaveLength(1);
    expect(logs).toMatch(/waiting for the build of process/);
    expect(logs).toMatch(/died; taking over/);
    expect(meanwhile.length).toBeGreaterThan(0);
    for (const run of meanwhile)
      expect({ code: run.code, role: roleOf(run.stdout) }).toEqual({
        code: 0,
        role: 'PMO',
      });

    // the new tree is current, the old one kept for processes started from it
    const newTree = readlinkSync(join(project, 'dist'));
    expect(newTree).not.toBe(oldTree);
    expect(stamp(project)).not.toBe(oldStamp);
    expect(existsSync(join(project, oldTree, '.build-stamp'))).toBe(true);
    expect(existsSync(join(project, 'dist.lock'))).toBe(false);

    // and a third run finds it current: no compile, the same stamp
    const newStamp = stamp(project);
    const third = await buildThenToken(project, 'PMO');
    expect({ code: third.code, stderr: third.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readlinkSync(join(project, 'dist'))).toBe(newTree);
    expect(stamp(project)).toBe(newStamp);
  }, 300_000);
});
