import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { MilestonesModule } from '../milestones/milestones.module';
import { UnitsModule } from '../units/units.module';
import { ReorganisationRepository } from './reorganisation.repository';
import { ReorganisationResolver } from './reorganisation.resolver';
import { ReorganisationService } from './reorganisation.service';

export const REORGANISATION_RESOLVERS = [ReorganisationResolver];

/** Merger maps applied on a date: units end and begin, milestones are carried on. */
@Module({
  imports: [AuditModule, UnitsModule, MilestonesModule, EscalationsModule],
  providers: [ReorganisationRepository, ReorganisationService, ...REORGANISATION_RESOLVERS],
  exports: [ReorganisationService],
})
export class ReorganisationModule {}
