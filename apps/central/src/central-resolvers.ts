import { AUDIT_RESOLVERS } from './audit/audit.module';
import { DASHBOARD_RESOLVERS } from './dashboard/dashboard.module';
import { ESCALATIONS_RESOLVERS } from './escalations/escalations.module';
import { INDICATORS_RESOLVERS } from './indicators/indicators.module';
import { MILESTONES_RESOLVERS } from './milestones/milestones.module';
import { PLATFORM_RESOLVERS } from './platform/platform.module';
import { PROGRAMS_RESOLVERS } from './programs/programs.module';
import { REPORTING_RESOLVERS } from './reporting/reporting.module';
import { REORGANISATION_RESOLVERS } from './reorganisation/reorganisation.module';
import { ROLLUP_RESOLVERS } from './rollup/rollup.module';
import { SYNC_RESOLVERS } from './sync/sync.module';
import { TOKENS_RESOLVERS } from './tokens/tokens.module';
import { UNITS_RESOLVERS } from './units/units.module';

/**
 * Every resolver of the central API, as each module registers it: the schema
 * printer builds schema.gql from this list without starting the app.
 */
export const CENTRAL_RESOLVERS = [
  ...UNITS_RESOLVERS,
  ...PROGRAMS_RESOLVERS,
  ...MILESTONES_RESOLVERS,
  ...DASHBOARD_RESOLVERS,
  ...ROLLUP_RESOLVERS,
  ...ESCALATIONS_RESOLVERS,
  ...SYNC_RESOLVERS,
  ...PLATFORM_RESOLVERS,
  ...AUDIT_RESOLVERS,
  ...TOKENS_RESOLVERS,
  ...REORGANISATION_RESOLVERS,
  ...INDICATORS_RESOLVERS,
  ...REPORTING_RESOLVERS,
];
