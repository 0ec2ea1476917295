import { createDataSource } from '@tracker/persistence';
import { verifyMaintained } from '../../apps/central/src/cli/verify-maintained';
import { RollupVerdict } from '../../apps/central/src/rollup/verify-rollups';
import { testDatabaseUrl } from './database';

/** `npm run verify-rollups` on the test database: what the triggers kept against what the rules compute. */
export async function rollupVerdict(): Promise<RollupVerdict> {
  const db = createDataSource('central', { url: testDatabaseUrl() });
  await db.initialize();
  try {
    return await verifyMaintained(db);
  } finally {
    await db.destroy();
  }
}

/** The roll-ups hold `day` (any, if not given) and every maintained figure equals the recomputed one. */
export async function expectRollupsMaintained(day?: string): Promise<RollupVerdict> {
  const verdict = await rollupVerdict();
  expect(verdict.mismatches).toEqual([]);
  if (day) expect(verdict.day).toBe(day);
  else expect(verdict.day).not.toBeNull();
  expect(verdict.milestones).toBeGreaterThan(0);
  return verdict;
}
