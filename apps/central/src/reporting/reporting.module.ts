import { Module } from '@nestjs/common';
import { ProgramsModule } from '../programs/programs.module';
import { UnitsModule } from '../units/units.module';
import { ReportingRepository } from './reporting.repository';
import { ReportingResolver, ReportingRowResolver } from './reporting.resolver';
import { ReportingService } from './reporting.service';

export const REPORTING_RESOLVERS = [ReportingResolver, ReportingRowResolver];

/** Reporting periods: who reported each month, and by the deadline. */
@Module({
  imports: [UnitsModule, ProgramsModule],
  providers: [ReportingRepository, ReportingService, ...REPORTING_RESOLVERS],
})
export class ReportingModule {}
