import { DemoProgram } from './demo-program.type';
import { POPULATION } from './programs/population';
import { LAND } from './programs/land';
import { ENTERPRISE } from './programs/enterprise';
import { CIVIL_STATUS } from './programs/civil-status';
import { SOCIAL_INSURANCE } from './programs/social-insurance';

export type { DemoItem, DemoProgram, DemoState } from './demo-program.type';

/**
 * The 2019-2020 situation the Minister described to the National Assembly on
 * 8 November 2019: enterprise, civil status and social insurance "relatively
 * fine"; population (75 million records scanned) and land late; land re-planned
 * as "1+63" with the design and connection standard due at the end of 2019 so all
 * 63 provinces could start deployment together in early 2020. The five programs,
 * in the order they are created.
 */
export const DEMO_PROGRAMS: DemoProgram[] = [
  POPULATION,
  LAND,
  ENTERPRISE,
  CIVIL_STATUS,
  SOCIAL_INSURANCE,
];
