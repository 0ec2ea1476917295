import { Module } from '@nestjs/common';
import { TokenUnits } from './token-units';
import { UnitLoaders } from './unit.loaders';
import { UnitsRepository } from './units.repository';
import { UnitsResolver } from './units.resolver';

export const UNITS_RESOLVERS = [UnitsResolver];

/** Provinces, ministries and agencies, their codes and their mergers. */
@Module({
  providers: [UnitsRepository, UnitLoaders, TokenUnits, ...UNITS_RESOLVERS],
  exports: [UnitsRepository, UnitLoaders, TokenUnits],
})
export class UnitsModule {}
