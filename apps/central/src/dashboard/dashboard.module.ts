import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { ProgramsModule } from '../programs/programs.module';
import { RollupModule } from '../rollup/rollup.module';
import { SyncModule } from '../sync/sync.module';
import { UnitsModule } from '../units/units.module';
import { DashboardResolver } from './dashboard.resolver';
import { DashboardService } from './dashboard.service';

export const DASHBOARD_RESOLVERS = [DashboardResolver];

/** The national picture on one page. */
@Module({
  imports: [UnitsModule, EscalationsModule, SyncModule, RollupModule, ProgramsModule],
  providers: [DashboardService, ...DASHBOARD_RESOLVERS],
})
export class DashboardModule {}
