import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { MilestonesModule } from '../milestones/milestones.module';
import { UnitsModule } from '../units/units.module';
import { IndicatorLedgerRepository } from './indicator-ledger.repository';
import { MilestoneHistoryResolver } from './milestone-history.resolver';
import { SyncLedgerRepository } from './sync-ledger.repository';
import { SyncStatusRepository } from './sync-status.repository';
import { SyncResolver } from './sync.resolver';
import { SyncLoaders } from './sync.loaders';
import { SyncService } from './sync.service';

export const SYNC_RESOLVERS = [SyncResolver, MilestoneHistoryResolver];

/** Province nodes' and agencies' pushed batches: applied once, in order, into the ledger. */
@Module({
  imports: [AuditModule, UnitsModule, MilestonesModule, EscalationsModule],
  providers: [
    SyncLedgerRepository,
    IndicatorLedgerRepository,
    SyncStatusRepository,
    SyncService,
    SyncLoaders,
    ...SYNC_RESOLVERS,
  ],
  exports: [SyncLoaders],
})
export class SyncModule {}
