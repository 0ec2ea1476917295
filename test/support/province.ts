import { signToken } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { databaseOnServer } from '@tracker/persistence';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProvince, RunningProvince } from '../../apps/province/src/bootstrap';
import { GqlResult, roles, startTestCentral, TestCentral } from './central';
import { sql, withClient } from './database';
import { Client } from 'pg';

export interface TestProvince {
  running: RunningProvince;
  url: string;
  dataDir: string;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

/**
 * An empty database of its own for a node: a new one on the PostgreSQL server when
 * the tests run there; otherwise embedded database number `slot` from the global
 * setup (PGlite cannot start inside jest), emptied.
 */
export async function nodeDatabaseUrl(slot: number): Promise<string> {
  if (process.env.TEST_DATABASE_MODE === 'postgres') {
    const name = `tracker_node_${slot}_${process.pid}_${Date.now()}`;
    await withClient((c) => c.query(`CREATE DATABASE ${name}`));
    return databaseOnServer(process.env.DATABASE_URL!, name);
  }
  const url = (process.env.TEST_NODE_DATABASE_URLS ?? '').split(',')[slot];
  if (!url) throw new Error(`no embedded node database ${slot}: see test/support/global-setup.ts`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
  return url;
}

export interface NodeOptions {
  code: string;
  central: TestCentral;
  centralUrl?: string;
  dataDir?: string;
  databaseUrl: string;
  syncIntervalMs?: number;
}

/** A real province node in this process, on a free port, with its own database. */
export async function startTestProvince(options: NodeOptions): Promise<TestProvince> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `province-${options.code}-`));
  const running = await startProvince(
    {
      PROVINCE_CODE: options.code,
      CENTRAL_URL: options.centralUrl ?? options.central.url,
      NODE_TOKEN: options.central.token(roles.provinceNode(options.code), '1d'),
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl,
      SYNC_INTERVAL_MS: String(options.syncIntervalMs ?? 3_600_000),
    },
    process.env.TEST_LOGS ? undefined : false,
  );
  const officer = signToken(
    running.authority,
    { role: Role.PROVINCE_OFFICER, unit: options.code, sub: `officer-${options.code}` },
    '1h',
  );
  return {
    running,
    url: running.url,
    dataDir,
    async gql(query, variables) {
      const res = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult;
      return { status: res.status, data: body.data as any, errors: body.errors };
    },
    stop: () => running.stop(),
  };
}

export const LOCAL_MILESTONES = `query($p: String) { milestones(programCode: $p) {
  programCode key title baselineDue status percentComplete forecastDue completedOn blocker note
  pendingSync lastOutcome lastOutcomeReason
} }`;

export const SYNC_STATE = `{ syncState { pending nextSeq highestAckedSeq lastSuccessAt lastError centralReachable planVersions { programCode version } } }`;

export const SYNC_NOW = `mutation { syncNow { pending nextSeq highestAckedSeq lastSuccessAt lastError centralReachable planVersions { programCode version } } }`;

export const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) {
  programCode key status percentComplete forecastDue completedOn blocker note pendingSync lastOutcome lastOutcomeReason
} }`;

/** The demo central and province 01's node on it, each on fresh data. */
export async function startDemoCentralWithNode01(): Promise<{
  central: TestCentral;
  node: TestProvince;
}> {
  const central = await startTestCentral({ demo: true });
  const node = await startTestProvince({
    code: '01',
    central,
    databaseUrl: await nodeDatabaseUrl(0),
  });
  return { central, node };
}

/** Stops each app in turn: a node before the central it syncs with. */
export async function stopInOrder(...apps: { stop(): Promise<void> }[]): Promise<void> {
  for (const app of apps) await app.stop();
}

/** A milestone as the central holds it, straight from its tables. */
export async function centralMilestone(key: string, unit: string) {
  const [row] = await sql<{
    status: string;
    percent_complete: number;
    version: number;
    note: string | null;
  }>(
    `SELECT m.status, m.percent_complete, m.version, m.note FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
     JOIN unit u ON u.id = m.unit_id WHERE pi.key = $1 AND u.code = $2`,
    [key, unit],
  );
  return row;
}

export const REPORT_INDICATOR = `mutation($input: ReportIndicatorInput!) { reportIndicator(input: $input) {
  code values { period numerator denominator note pendingSync lastOutcome lastOutcomeReason }
} }`;

export const LOCAL_INDICATORS = `{ indicators {
  code name kind measure values { period numerator denominator note pendingSync lastOutcome lastOutcomeReason }
} }`;
