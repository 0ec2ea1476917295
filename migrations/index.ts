import { InitialSchema1795887186003 } from './1795887186003-InitialSchema';
import { SyncLedger1795888042302 } from './1795888042302-SyncLedger';
import { Escalations1795889577299 } from './1795889577299-Escalations';
import { AuditLog1795892245607 } from './1795892245607-AuditLog';
import { RevokedTokens1795892584511 } from './1795892584511-RevokedTokens';
import { RateLimits1795892884462 } from './1795892884462-RateLimits';
import { Reorganisation1796007298807 } from './1796007298807-Reorganisation';
import { Indicators1796010287540 } from './1796010287540-Indicators';
import { IndicatorReporters1796022307185 } from './1796022307185-IndicatorReporters';
import { MaintainedRollups1796040000000 } from './1796040000000-MaintainedRollups';
import { LiveEscalationCounts1796040200000 } from './1796040200000-LiveEscalationCounts';
import { PageOrderIndexes1796040400000 } from './1796040400000-PageOrderIndexes';
import { MilestonePageOrder1796040600000 } from './1796040600000-MilestonePageOrder';
import { RollupCellUpserts1796040800000 } from './1796040800000-RollupCellUpserts';
import { KeptPastDays1796041000000 } from './1796041000000-KeptPastDays';
import { IndicatorMonthSums1796041200000 } from './1796041200000-IndicatorMonthSums';
import { MonthReceipts1796041400000 } from './1796041400000-MonthReceipts';

// Every migration, in order. Listed by hand (not globbed) so the same list
// works from the TypeScript sources in tests and from dist/ in production.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  InitialSchema1795887186003,
  SyncLedger1795888042302,
  Escalations1795889577299,
  AuditLog1795892245607,
  RevokedTokens1795892584511,
  RateLimits1795892884462,
  Reorganisation1796007298807,
  Indicators1796010287540,
  IndicatorReporters1796022307185,
  MaintainedRollups1796040000000,
  LiveEscalationCounts1796040200000,
  PageOrderIndexes1796040400000,
  MilestonePageOrder1796040600000,
  RollupCellUpserts1796040800000,
  KeptPastDays1796041000000,
  IndicatorMonthSums1796041200000,
  MonthReceipts1796041400000,
];
