import { withClient } from '@tracker/persistence';
import { STARTING_AT_ONCE } from './node-fleet';

export interface ServerConnections {
  /** max_connections less the slots kept for superusers. */
  available: number;
  /** Sessions open now, less those of earlier province nodes (a restarted fleet's own, soon gone). */
  inUse: number;
}

/** What the server allows, read before the nodes open their pools. */
export async function serverConnections(serverUrl: string): Promise<ServerConnections> {
  const [row] = await withClient(serverUrl, 'nsdb-provinces-cli', async (client) => {
    const { rows } = await client.query<{ available: number; in_use: number }>(
      `SELECT current_setting('max_connections')::int
              - current_setting('superuser_reserved_connections')::int AS available,
              (SELECT count(*)::int FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND application_name NOT LIKE 'nsdb-province-%'
                  AND pid <> pg_backend_pid()) AS in_use`,
    );
    return rows;
  });
  return { available: row.available, inUse: row.in_use };
}

/** Sessions beyond the pools: a migration's for each node starting, and the CLI's own. */
const STARTING_HEADROOM = STARTING_AT_ONCE + 1;

/**
 * Refuses, with what to change, a fleet whose pools would not fit the server:
 * past max_connections PostgreSQL answers "too many clients" to whoever asks
 * next, a node or the centre. Null when it fits.
 */
export function budgetProblem(
  nodes: number,
  poolSize: number,
  server: ServerConnections,
): string | null {
  const need = nodes * poolSize + STARTING_HEADROOM;
  const free = server.available - server.inUse;
  if (need <= free) return null;
  const fitting = Math.max(0, Math.floor((free - STARTING_HEADROOM) / nodes));
  return [
    `${nodes} node(s) × ${poolSize} connection(s) need ${need} connections, and the server has ${free} free`,
    `(max_connections less reserved: ${server.available}; in use: ${server.inUse})`,
    fitting >= 1 ? `use --pool-size ${fitting}, fewer nodes,` : 'run fewer nodes,',
    `or raise max_connections (ALTER SYSTEM SET max_connections = ${Math.ceil((server.inUse + need) / 50) * 50 + 50}; then restart PostgreSQL)`,
  ].join(' ');
}
