import { Client } from 'pg';

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is set by test/support/global-setup.ts');
  return url;
}

/** A short-lived pg client for assertions straight against the tables. */
export async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function sql<T = Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withClient(async (c) => (await c.query(text, params)).rows as T[]);
}

/**
 * Empties every table the migrations made (the migrations' own record stays), so
 * each test file starts from a clean database: no test depends on another's data.
 */
export async function resetDatabase(): Promise<void> {
  await withClient(async (c) => {
    const { rows } = await c.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'typeorm_migrations'`,
    );
    if (rows.length > 0)
      await c.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
  });
}
