import { types } from 'pg';

const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * Calendar dates stay 'YYYY-MM-DD' strings: pg's default turns them into a JS Date
 * at local midnight, which shifts the day in any zone west of UTC. Counts (bigint)
 * become numbers: no count here approaches 2^53.
 */
export function installPgTypeParsers(): void {
  types.setTypeParser(DATE_OID, (value) => value);
  types.setTypeParser(INT8_OID, (value) => Number(value));
}
