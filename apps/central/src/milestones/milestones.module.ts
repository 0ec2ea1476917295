import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { CarriedStateRepository } from './carried-state.repository';
import { MilestoneLoaders } from './milestone.loaders';
import { MilestonesRepository } from './milestones.repository';
import { MilestonesResolver } from './milestones.resolver';
import { MilestonesService } from './milestones.service';

export const MILESTONES_RESOLVERS = [MilestonesResolver];

/** Milestones as the centre holds them, their health and their pages. */
@Module({
  imports: [UnitsModule],
  providers: [
    MilestonesRepository,
    MilestonesService,
    MilestoneLoaders,
    CarriedStateRepository,
    ...MILESTONES_RESOLVERS,
  ],
  exports: [MilestonesRepository, MilestonesService, MilestoneLoaders, CarriedStateRepository],
})
export class MilestonesModule {}
