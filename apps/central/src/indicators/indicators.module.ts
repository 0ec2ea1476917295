import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgramsModule } from '../programs/programs.module';
import { UnitsModule } from '../units/units.module';
import { IndicatorLoaders } from './indicator.loaders';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsResolver } from './indicators.resolver';
import { IndicatorsService } from './indicators.service';

export const INDICATORS_RESOLVERS = [IndicatorsResolver];

/** Indicators: their definitions, targets, series per month and projections. */
@Module({
  imports: [AuditModule, UnitsModule, ProgramsModule],
  providers: [IndicatorsRepository, IndicatorsService, IndicatorLoaders, ...INDICATORS_RESOLVERS],
  exports: [IndicatorsRepository],
})
export class IndicatorsModule {}
