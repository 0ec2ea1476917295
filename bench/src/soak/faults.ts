import { spawnSync } from 'node:child_process';
import { waitForDatabase } from '@tracker/persistence';
import { Client } from 'pg';
import { Supervised } from './supervised';

export type FaultKind = 'kill-central' | 'kill-provinces' | 'cut-connections' | 'restart-postgres';
export const FAULT_ROTATION: FaultKind[] = [
  'kill-central',
  'kill-provinces',
  'cut-connections',
  'restart-postgres',
];

export interface Fault {
  kind: FaultKind;
  target: string;
  /** ms since the soak began. */
  at: number;
  /** ms from the fault until every process answered again. */
  recoveredMs?: number;
  /** ms from the fault until the outboxes were back to their depth before it. */
  drainedMs?: number;
  depthBefore?: number;
  /** Why it could not be injected, when it could not. */
  notRun?: string;
  /** What did not come back within its time after the fault (a verdict problem). */
  notRecovered?: string;
}

export interface FaultTargets {
  centrals: { process: Supervised; ready: () => Promise<void> }[];
  provinces: { process: Supervised; ready: () => Promise<void> };
  /** The server (any database on it) and the centre's database name. */
  serverUrl: string;
  centralDatabase: string;
  /** Restarts PostgreSQL; null where the soak found no way to. */
  restartPostgres: string | null;
}

/**
 * The faults, in rotation, each as an operator would meet it: a central
 * instance SIGKILLed (and started again), the process holding the province
 * nodes SIGKILLed (and started again on the same data), every connection of the
 * centre cut (pg_terminate_backend, as in a failover), PostgreSQL restarted
 * (once in a run).
 */
export class FaultInjector {
  private turn = 0;
  private nextCentral = 0;
  private restarted = false;

  constructor(private readonly targets: FaultTargets) {}

  /** The next fault of the rotation, injected and recovered from; resolves with what happened. */
  async next(at: number): Promise<Fault> {
    let kind = FAULT_ROTATION[this.turn++ % FAULT_ROTATION.length];
    if (kind === 'restart-postgres' && this.restarted)
      kind = FAULT_ROTATION[this.turn++ % FAULT_ROTATION.length];
    const fault: Fault = { kind, target: '', at };
    const started = Date.now();
    try {
      await this.inject(fault);
      if (!fault.notRun) fault.recoveredMs = Date.now() - started;
    } catch (e) {
      // a process that does not come back is the verdict's to report; the soak goes on
      fault.notRecovered = e instanceof Error ? e.message.split('\n')[0] : String(e);
    }
    return fault;
  }

  private async inject(fault: Fault): Promise<void> {
    switch (fault.kind) {
      case 'kill-central': {
        const i = this.nextCentral++ % this.targets.centrals.length;
        const central = this.targets.centrals[i];
        fault.target = central.process.name;
        await central.process.kill('SIGKILL');
        central.process.start();
        await central.ready();
        break;
      }
      case 'kill-provinces': {
        fault.target = this.targets.provinces.process.name;
        await this.targets.provinces.process.kill('SIGKILL');
        this.targets.provinces.process.start();
        await this.targets.provinces.ready();
        break;
      }
      case 'cut-connections': {
        fault.target = this.targets.centralDatabase;
        const client = new Client({ connectionString: this.targets.serverUrl });
        client.on('error', () => undefined);
        await client.connect();
        try {
          const { rowCount } = await client.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
            [this.targets.centralDatabase],
          );
          fault.target += ` (${rowCount} connections)`;
        } finally {
          await client.end();
        }
        await Promise.all(this.targets.centrals.map((c) => c.ready()));
        break;
      }
      case 'restart-postgres': {
        this.restarted = true;
        fault.target = 'PostgreSQL';
        if (!this.targets.restartPostgres) {
          fault.notRun = 'no way to restart PostgreSQL here (see --pg-restart-command)';
          return;
        }
        const result = spawnSync('sh', ['-c', this.targets.restartPostgres], { encoding: 'utf8' });
        if (result.status !== 0) {
          fault.notRun = `${this.targets.restartPostgres} failed: ${(result.stderr || result.stdout).trim().slice(0, 300)}`;
          return;
        }
        await waitForDatabase(this.targets.serverUrl, { who: 'soak', timeoutMs: 120_000 });
        await Promise.all(this.targets.centrals.map((c) => c.ready()));
        break;
      }
    }
  }
}

/**
 * The command that restarts the cluster serving `serverUrl` on this machine, from
 * Debian's pg_lsclusters (as the machine notes start it), or null.
 */
export function findRestartCommand(serverUrl: string): string | null {
  const url = new URL(serverUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(url.hostname)) return null;
  const port = url.port || '5432';
  const listed = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  if (listed.status !== 0) return null;
  for (const line of listed.stdout.split('\n')) {
    const [version, cluster, clusterPort] = line.trim().split(/\s+/);
    if (clusterPort === port)
      return `pg_ctlcluster --skip-systemctl-redirect ${version} ${cluster} restart`;
  }
  return null;
}
