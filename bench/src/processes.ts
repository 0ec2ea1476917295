import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
/** Every server's whole output, for reading after a run (git-ignored). */
export const LOG_DIR = join(ROOT, 'bench', 'results', 'logs');

/** A server the bench measures, run as its own OS process. */
export class ServerProcess {
  private readonly child: ChildProcess;
  private output = '';
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly url: string,
    args: string[],
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      // the tail is enough to say why a server failed
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    mkdirSync(LOG_DIR, { recursive: true });
    const file = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
    this.child.stdout!.pipe(file, { end: false });
    this.child.stderr!.pipe(file, { end: false });
    this.child.once('exit', () => file.end());
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Polls `path` until it answers 200; fails with the server's output if it exits. */
  async ready(path: string, timeoutMs = 120_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    let exitedWith: number | null | undefined;
    void this.exited.then((code) => (exitedWith = code));
    while (Date.now() < deadline) {
      if (exitedWith !== undefined)
        throw new Error(`${this.name} exited (${exitedWith}):\n${this.output}`);
      try {
        const res = await fetch(`${this.url}${path}`);
        if (res.ok) return this;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.name} did not answer ${path} in time:\n${this.output}`);
  }

  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return Math.round(kb / 1024);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  get log(): string {
    return this.output;
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
