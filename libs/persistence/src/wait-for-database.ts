import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * PostgreSQL answers these while it cannot take a session yet but soon will:
 * refused or reset connections (a restart, a failover), "the database system is
 * starting up / shutting down / in recovery" (57P03), "too many clients" (53300,
 * until another process lets one go), admin shutdown (57P01).
 */
const PASSING = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P03',
  '53300',
  '57P01',
]);

export function isPassingDatabaseError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  if (code && PASSING.has(code)) return true;
  const message = e instanceof Error ? e.message : String(e);
  return /Connection terminated|timeout expired|too many clients/i.test(message);
}

export interface WaitOptions {
  /** Who waits, for the log: "central", "province 01". */
  who: string;
  /** Gives up after this long (the last error is thrown). */
  timeoutMs?: number;
}

/**
 * Waits until the database at `url` accepts a session, retrying with backoff
 * while it refuses for a reason that passes. A process started during a
 * database restart, or beside many others on a full server, then starts late
 * rather than dying. Any other error (bad password, no such database) is thrown
 * at once: waiting would not mend it.
 */
export async function waitForDatabase(url: string, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (let attempt = 1; ; attempt += 1) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    // an error event after connect() rejected must not be left unhandled
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (e) {
      if (!isPassingDatabaseError(e) || Date.now() >= deadline) throw e;
      // the first refusal and then every tenth: enough to see why a start is slow
      if (attempt % 10 === 1)
        new Logger('Database').warn(
          `${options.who}: the database refused a connection (${describe(e)}); retrying`,
        );
      await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** (attempt - 1), 2_000)));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function describe(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
