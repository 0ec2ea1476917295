import { DataSource } from 'typeorm';
import { indicatorMonthMismatches } from '../indicators/indicator-months.check';
import { RollupVerdict, verifyRollups } from '../rollup/verify-rollups';

/**
 * Everything the database maintains, against the rules computed from scratch: the
 * roll-ups (verifyRollups) and what later features keep (their checks, named here
 * because the roll-ups' feature may not import them). `npm run verify-rollups` and
 * the tests run this.
 */
export function verifyMaintained(db: DataSource): Promise<RollupVerdict> {
  return verifyRollups(db, [indicatorMonthMismatches]);
}
