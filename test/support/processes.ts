import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
export const ARTIFACTS = join(root, 'test-artifacts');

/** What a CLI run answered: its exit code (-1 when it did not exit by itself) and output. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A built CLI (dist/`script`) run as its own process with only the environment given. */
export function runBuiltCli(
  script: string,
  args: string[],
  options: { env: Record<string, string>; cwd?: string; timeoutMs: number },
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'dist', script), ...args],
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A real OS process of the product (built into dist/ by `npm test`'s pretest build). */
export class AppProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    const path = join(root, 'dist', this.script);
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build (npm test does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const log = createWriteStream(join(ARTIFACTS, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [path], {
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** A real signal to the real process; resolves once it has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill(signal);
    await this.exited;
  }

  /** Resolves with the exit code once the process has exited by itself (null: by a signal). */
  async exit(): Promise<number | null> {
    await this.exited;
    return this.child!.exitCode;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls GET /health until it answers ok, or fails after `timeoutMs`. */
export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}
