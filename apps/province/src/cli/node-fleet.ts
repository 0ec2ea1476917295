import { Logger } from '@nestjs/common';
import { ProvinceRecord } from '@tracker/persistence';
import { RunningProvince, startProvince } from '../bootstrap';
import { LocalStoreRepository } from '../local/local-store.repository';

/** A node that could not start (its port taken, its database full) is tried again this often. */
export const NODE_RETRY_MS = 30_000;

/** Nodes starting at the same time. */
export const STARTING_AT_ONCE = 4;

/** Everything one node of the fleet needs to start, but its province. */
export type NodeEnv = (
  province: ProvinceRecord,
  index: number,
) => Promise<Record<string, string | undefined>>;

export interface FleetLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Several province nodes in one process (npm run provinces). One node failing
 * to start, or its database failing under it, is that node's trouble: it is
 * named, retried, and the others carry on.
 */
export class NodeFleet {
  readonly running: RunningProvince[] = [];
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly env: NodeEnv,
    private readonly log: FleetLog = new Logger('Provinces'),
    private readonly retryMs = NODE_RETRY_MS,
    private readonly start = startProvince,
  ) {}

  /**
   * Starts the nodes, a few at a time (a restarted fleet of 63 is back in a
   * quarter of the time, without 63 migrations at once); answers once every
   * node has started or been set to retry.
   */
  async startAll(
    provinces: ProvinceRecord[],
    onStarted: (p: ProvinceRecord, n: RunningProvince) => void,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < provinces.length) {
        const index = next++;
        await this.startOne(provinces[index], index, onStarted);
      }
    };
    await Promise.all(Array.from({ length: Math.min(STARTING_AT_ONCE, provinces.length) }, worker));
  }

  private async startOne(
    province: ProvinceRecord,
    index: number,
    onStarted: (p: ProvinceRecord, n: RunningProvince) => void,
  ): Promise<void> {
    if (this.stopped) return;
    this.waiting.delete(province.code);
    try {
      const node = await this.start(await this.env(province, index), ['warn', 'error']);
      if (this.stopped) {
        await node.stop();
        return;
      }
      this.running.push(node);
      onStarted(province, node);
    } catch (e) {
      this.log.error(
        `province ${province.code} (${province.name}) could not start: ${startFailure(e)}; the others carry on, this one is tried again in ${Math.round(this.retryMs / 1000)} s`,
      );
      const timer = setTimeout(() => void this.startOne(province, index, onStarted), this.retryMs);
      this.waiting.set(province.code, timer);
    }
  }

  /** Codes of the nodes waiting to be started again. */
  get failed(): string[] {
    return [...this.waiting.keys()];
  }

  /** One line on the outboxes; a node whose database does not answer is counted, not fatal. */
  async summary(): Promise<string> {
    const states = await Promise.allSettled(
      this.running.map((n) => n.app.get(LocalStoreRepository).syncState()),
    );
    let pending = 0;
    let offline = 0;
    let unreadable = 0;
    for (const s of states) {
      if (s.status === 'rejected') unreadable += 1;
      else {
        pending += s.value.pending;
        if (!s.value.centralReachable) offline += 1;
      }
    }
    return [
      `${pending} report(s) waiting in outboxes`,
      `${offline} node(s) cannot reach the centre`,
      ...(unreadable ? [`${unreadable} node database(s) did not answer`] : []),
      ...(this.waiting.size
        ? [`${this.waiting.size} node(s) not started: ${this.failed.join(', ')}`]
        : []),
    ].join('; ');
  }

  /** Logs the summary every `ms`; a failure is logged and the next one tried. */
  summarise(ms: number): NodeJS.Timeout {
    return setInterval(() => {
      this.summary().then(
        (line) => this.log.log(line),
        (e: unknown) => this.log.warn(`outbox summary failed: ${String(e)}`),
      );
    }, ms);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.waiting.values()) clearTimeout(timer);
    await Promise.allSettled(this.running.map((n) => n.stop()));
  }
}

/** Why a node did not start, in words an operator can act on. */
export function startFailure(e: unknown): string {
  const err = e as { code?: string; port?: number; message?: string };
  if (err?.code === 'EADDRINUSE') return `port ${err.port ?? '?'} is in use by another process`;
  return e instanceof Error ? e.message : String(e);
}
