import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MilestonesModule } from '../milestones/milestones.module';
import { UnitsModule } from '../units/units.module';
import { EscalationEngine } from './escalation-engine';
import { EscalationEngineRepository } from './escalation-engine.repository';
import { EscalationLoaders } from './escalation.loaders';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsResolver } from './escalations.resolver';
import { EscalationsService } from './escalations.service';
import { MilestoneEscalationsResolver } from './milestone-escalations.resolver';

export const ESCALATIONS_RESOLVERS = [EscalationsResolver, MilestoneEscalationsResolver];

/** What is late or blocked, raised level by level, and what leaders do about it. */
@Module({
  imports: [AuditModule, UnitsModule, MilestonesModule],
  providers: [
    EscalationsRepository,
    EscalationEngineRepository,
    EscalationEngine,
    EscalationsService,
    EscalationLoaders,
    ...ESCALATIONS_RESOLVERS,
  ],
  exports: [EscalationEngine, EscalationEngineRepository, EscalationLoaders],
})
export class EscalationsModule {}
