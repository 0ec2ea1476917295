import { Module } from '@nestjs/common';
import { MilestonesModule } from '../milestones/milestones.module';
import { ProvinceRowResolver } from './province-row.resolver';
import { RollupSumsRepository } from './rollup-sums.repository';
import { RollupLoaders } from './rollup.loaders';

export const ROLLUP_RESOLVERS = [ProvinceRowResolver];

/** Progress and health summed per program and unit, and the 1+63 board's rows. */
@Module({
  imports: [MilestonesModule],
  providers: [RollupSumsRepository, RollupLoaders, ...ROLLUP_RESOLVERS],
  exports: [RollupSumsRepository, RollupLoaders],
})
export class RollupModule {}
