import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join } from 'node:path';

/** How a process of the soak ended: killed by the soak, or on its own (a failure of the verdict). */
export interface Death {
  name: string;
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  onPurpose: boolean;
  /** The end of its output, to say why. */
  tail: string;
}

/**
 * One of the product's processes as a supervisor runs it: started, killed with a
 * real signal, started again on the same data. Every exit is recorded, and an
 * exit the soak did not cause is a death the verdict reports.
 */
export class Supervised {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private killing = false;
  private output = '';
  private readonly log: WriteStream;

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
    logDir: string,
    private readonly deaths: Death[],
    private readonly cwd: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  start(): void {
    this.killing = false;
    const child = spawn(process.execPath, this.args, {
      cwd: this.cwd,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4_000);
      this.log.write(chunk);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.deaths.push({
          name: this.name,
          at: Date.now(),
          code,
          signal,
          onPurpose: this.killing,
          tail: this.output.slice(-1_500),
        });
        resolve();
      }),
    );
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A real signal; resolves once the process has exited. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.killing = true;
    if (this.running) this.child!.kill(signal);
    await this.exited;
  }

  /** A clean stop: SIGTERM, then SIGKILL if it has not gone in 15 s. */
  async stop(): Promise<void> {
    this.killing = true;
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    this.child!.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
    this.log.end();
  }

  /** Output so far (the last few kB), for a start that failed. */
  get tail(): string {
    return this.output;
  }
}
