import { createDataSource, loadReferenceUnits, migrateDatabase } from '@tracker/persistence';
import { Pool } from 'pg';
import { gql } from '../graphql-client';
import { defineBenchIndicators } from './indicators';
import { benchPrograms, createWithPlan } from './plans';
import {
  CURRENT_STATE_SQL,
  HISTORY_SQL,
  INDICATOR_VALUES_SQL,
  NODE_LEDGER_SQL,
  PLANS_PUBLISHED_SQL,
  SYNTHETIC_PROVINCES_SQL,
} from './history.sql';
import { BENCH_TODAY, Scale } from './scales';

export interface RunningCentral {
  url: string;
  pmoToken: string;
  stop(): Promise<void>;
}

export interface DatasetSummary {
  scale: string;
  seed: string;
  seconds: number;
  steps: Record<string, number>;
  programs: number;
  provinces: number;
  milestones: number;
  historyUpdates: number;
  indicatorValues: number;
  escalations: Record<string, number>;
}

/** How many escalations the PMO works through by hand: enough for every state, bounded at x10. */
const ACKNOWLEDGE_AT_MOST = 600;
const RESOLVE_AT_MOST = 200;

/**
 * Builds a dataset from nothing in an empty database: reference units through
 * the product's loader, programs and plans through the API (so the rows are the
 * product's own), history in set-based SQL, escalations by the product's engine
 * at start-up, then some acknowledged and resolved through the API. Every step
 * is timed and reported as it ends.
 */
export async function generateDataset(
  databaseUrl: string,
  scale: Scale,
  seed: string,
  startCentral: () => Promise<RunningCentral>,
  progress: (line: string) => void,
): Promise<DatasetSummary> {
  const steps: Record<string, number> = {};
  const started = Date.now();
  const step = async <T>(name: string, work: () => Promise<T>, detail?: (t: T) => string) => {
    const t0 = Date.now();
    const result = await work();
    steps[name] = (Date.now() - t0) / 1000;
    progress(`  ${name}: ${steps[name].toFixed(1)} s${detail ? ` (${detail(result)})` : ''}`);
    return result;
  };
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await step('schema and reference units', async () => {
      await migrateDatabase('central', databaseUrl);
      const ds = createDataSource('central', { url: databaseUrl });
      await ds.initialize();
      try {
        await loadReferenceUnits(ds.manager);
      } finally {
        await ds.destroy();
      }
      if (scale.provinces > 63) await pool.query(SYNTHETIC_PROVINCES_SQL, [scale.provinces - 63]);
    });

    const programs = benchPrograms(scale);
    let central = await startCentral();
    await step(
      'programs, plans and indicators (API)',
      async () => {
        for (const p of programs) await createWithPlan(central.url, central.pmoToken, p);
        await defineBenchIndicators(central.url, central.pmoToken);
        return count(pool, 'milestone');
      },
      (n) => `${programs.length} programs, ${n.toLocaleString('en')} milestones, 3 indicators`,
    );
    await central.stop();

    await step(
      'history (SQL)',
      async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(HISTORY_SQL, [seed, scale.historyUpdates, BENCH_TODAY]);
          await client.query(CURRENT_STATE_SQL);
          await client.query(INDICATOR_VALUES_SQL, [seed]);
          await client.query(NODE_LEDGER_SQL);
          await client.query(PLANS_PUBLISHED_SQL, [BENCH_TODAY]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        } finally {
          client.release();
        }
        await pool.query('VACUUM ANALYZE');
        return [await count(pool, 'milestone_update'), await count(pool, 'indicator_value')];
      },
      ([updates, values]) =>
        `${updates.toLocaleString('en')} updates, ${values.toLocaleString('en')} indicator values`,
    );

    central = await step('escalation engine at start-up', startCentral);
    await step(
      'escalations worked through (API)',
      async () => {
        const { rows } = await pool.query<{ id: string }>(
          `SELECT e.id FROM escalation e JOIN milestone m ON m.id = e.milestone_id
           JOIN plan_item pi ON pi.id = m.plan_item_id JOIN unit u ON u.id = m.unit_id
           WHERE e.state = 'OPEN' ORDER BY pi.key, u.code, e.reason`,
        );
        const acknowledge = rows.filter((_, i) => i % 3 === 1).slice(0, ACKNOWLEDGE_AT_MOST);
        const resolve = rows.filter((_, i) => i % 7 === 2).slice(0, RESOLVE_AT_MOST);
        await inParallel(acknowledge, 8, ({ id }) =>
          gql(
            central.url,
            central.pmoToken,
            `mutation($id: ID!) { acknowledgeEscalation(id: $id, note: "Đã giao Vụ theo dõi") { state } }`,
            { id },
          ),
        );
        await inParallel(resolve, 8, ({ id }) =>
          gql(
            central.url,
            central.pmoToken,
            `mutation($id: ID!) { resolveEscalation(id: $id, note: "Đã xử lý tại cuộc họp giao ban") { state } }`,
            { id },
          ),
        );
        return acknowledge.length + resolve.length;
      },
      (n) => `${n} acknowledged or resolved`,
    );
    await central.stop();
    await pool.query('VACUUM ANALYZE');

    const { rows: states } = await pool.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM escalation GROUP BY state ORDER BY state`,
    );
    return {
      scale: scale.name,
      seed,
      seconds: (Date.now() - started) / 1000,
      steps,
      programs: programs.length,
      provinces: scale.provinces,
      milestones: await count(pool, 'milestone'),
      historyUpdates: await count(pool, 'milestone_update'),
      indicatorValues: await count(pool, 'indicator_value'),
      escalations: Object.fromEntries(states.map((s) => [s.state, s.n])),
    };
  } finally {
    await pool.end();
  }
}

async function count(pool: Pool, table: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
