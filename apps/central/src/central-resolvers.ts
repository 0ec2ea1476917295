import { AuditResolver } from './audit/audit.resolver';
import { ChangesResolver } from './platform/changes/changes.resolver';
import { ClockResolver } from './platform/clock/clock.resolver';
import { DashboardResolver } from './dashboard/dashboard.resolver';
import { EscalationsResolver } from './escalations/escalations.resolver';
import { MilestonesResolver } from './milestones/milestones.resolver';
import { ProgramsResolver } from './programs/programs.resolver';
import { ProvinceRowResolver } from './rollup/province-row.resolver';
import { SyncResolver } from './sync/sync.resolver';
import { TokensResolver } from './tokens/tokens.resolver';
import { UnitsResolver } from './units/units.resolver';

/** Every resolver of the central API: the app registers these and the schema is generated from them. */
export const CENTRAL_RESOLVERS = [
  UnitsResolver,
  ProgramsResolver,
  MilestonesResolver,
  DashboardResolver,
  ProvinceRowResolver,
  EscalationsResolver,
  SyncResolver,
  ClockResolver,
  ChangesResolver,
  AuditResolver,
  TokensResolver,
];
