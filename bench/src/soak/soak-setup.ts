// The soak's databases on the server, its indicator, the nodes' ports, and waiting for a process to answer.
import { withClient } from '@tracker/persistence';
import { gql } from '../graphql-client';
import { SOAK_INDICATOR } from './node-api';

export const CENTRAL_DB = 'nsdb_soak_central';
export const NODE_DB_PREFIX = 'nsdb_soak_province_';

/** Drops what an earlier soak left, and makes the centre's database anew. */
export async function freshDatabases(serverUrl: string, create: boolean): Promise<void> {
  await withClient(serverUrl, 'nsdb-soak', async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [CENTRAL_DB, `${NODE_DB_PREFIX}%`],
    );
    for (const { datname } of rows)
      await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    if (create) await c.query(`CREATE DATABASE ${CENTRAL_DB}`);
  });
}

/** `count` consecutive loopback ports nobody listens on, for the province nodes. */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    // below Linux's ephemeral range (32768 up), where outgoing connections take their ports
    const base = 12_000 + Math.floor(Math.random() * 20_000);
    const probes = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        fetch(`http://127.0.0.1:${base + i}/`, { signal: AbortSignal.timeout(500) }).then(
          () => false,
          (e: { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED',
        ),
      ),
    );
    if (probes.every(Boolean)) return base;
  }
  throw new Error(`found no ${count} free consecutive ports`);
}

/** Polls GET /health until it answers 200; fails with the process's last output. */
export async function healthy(
  url: string,
  timeoutMs: number,
  what: string,
  tail: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer /health within ${timeoutMs / 1000} s:\n${tail()}`);
}

/** The indicator the offices report: the nodes pull it with the plans, and push its values between progress reports. */
export async function defineSoakIndicator(
  centralUrl: string,
  pmoToken: string,
  ownerCode: string,
): Promise<void> {
  await gql(
    centralUrl,
    pmoToken,
    `mutation($input: DefineIndicatorInput!) { defineIndicator(input: $input) { code } }`,
    {
      input: {
        code: SOAK_INDICATOR,
        name: 'Hồ sơ số hoá (soak)',
        kind: 'COUNT',
        measure: 'hồ sơ',
        ownerCode,
        targets: [],
      },
    },
  );
}
