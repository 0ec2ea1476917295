import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './platform/clock/clock';
import { EscalationsRepository } from './escalations/escalations.repository';
import { LoadersFactory } from './graphql/loaders';
import { MilestonesRepository } from './milestones/milestones.repository';
import { ProgramsRepository } from './programs/programs.repository';
import { RollupSumsRepository } from './rollup/rollup-sums.repository';
import { SyncStatusRepository } from './sync/sync-status.repository';
import { UnitsRepository } from './units/units.repository';

/**
 * The clock and the read repositories, shared by the feature providers and the
 * GraphQL context (which builds per-request loaders from them).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(clock: Clock): DynamicModule {
    const providers = [
      { provide: Clock, useValue: clock },
      UnitsRepository,
      ProgramsRepository,
      MilestonesRepository,
      RollupSumsRepository,
      SyncStatusRepository,
      EscalationsRepository,
      LoadersFactory,
    ];
    return { module: CoreModule, providers, exports: providers };
  }
}
