import { Module } from '@nestjs/common';
import { UnitLoaders } from './unit.loaders';
import { UnitsRepository } from './units.repository';
import { UnitsResolver } from './units.resolver';

export const UNITS_RESOLVERS = [UnitsResolver];

/** Provinces, ministries and agencies, their codes and their mergers. */
@Module({
  providers: [UnitsRepository, UnitLoaders, ...UNITS_RESOLVERS],
  exports: [UnitsRepository, UnitLoaders],
})
export class UnitsModule {}
