import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { MilestonesModule } from '../milestones/milestones.module';
import { RollupModule } from '../rollup/rollup.module';
import { SyncModule } from '../sync/sync.module';
import { UnitsModule } from '../units/units.module';
import { MilestoneProgramResolver } from './milestone-program.resolver';
import { ProgramLoaders } from './program.loaders';
import { PlansRepository } from './plans.repository';
import { ProgramsRepository } from './programs.repository';
import { ProgramsResolver } from './programs.resolver';
import { ProgramsService } from './programs.service';

export const PROGRAMS_RESOLVERS = [ProgramsResolver, MilestoneProgramResolver];

/** Programs, their published plans and escalation policies. */
@Module({
  imports: [
    AuditModule,
    UnitsModule,
    MilestonesModule,
    EscalationsModule,
    SyncModule,
    RollupModule,
  ],
  providers: [
    ProgramsRepository,
    PlansRepository,
    ProgramsService,
    ProgramLoaders,
    ...PROGRAMS_RESOLVERS,
  ],
  exports: [ProgramsRepository, ProgramsService, ProgramLoaders],
})
export class ProgramsModule {}
