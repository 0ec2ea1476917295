import { Client } from 'pg';

/**
 * One short session on `url` for a tool's own work (create a database, read a
 * setting), closed whatever happens. An error the server sends after the query
 * (a restart) is not left to take the process down.
 */
export async function withClient<T>(
  url: string,
  applicationName: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: url, application_name: applicationName });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL of database `name` on the server `serverUrl` names (same host, user, options). */
export function databaseOnServer(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Database `name` on the server `serverUrl` names, created if missing: its URL. The
 * name is an identifier (CREATE DATABASE binds none), quoted by pg.
 */
export async function ensureDatabase(
  serverUrl: string,
  name: string,
  applicationName: string,
): Promise<string> {
  await withClient(serverUrl, applicationName, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  });
  return databaseOnServer(serverUrl, name);
}
