import { Injectable } from '@nestjs/common';
import { deadlineOf, DomainError, IsoDate, rankReporting, reportingPeriod } from '@tracker/domain';
import { ProgramsRepository } from '../programs/programs.repository';
import { ReportingCompleteness } from './reporting.type';
import { ReportingRepository } from './reporting.repository';

@Injectable()
export class ReportingService {
  constructor(
    private readonly reporting: ReportingRepository,
    private readonly programs: ProgramsRepository,
  ) {}

  /**
   * Who reported for the month and on time (domain.md "Reporting periods"):
   * the database counts per province, the domain ranks and sums.
   */
  async completeness(
    period: string,
    programCode: string | undefined,
    today: IsoDate,
  ): Promise<ReportingCompleteness> {
    const month = reportingPeriod('period', period, today);
    const programs = await this.programs.findAll();
    const program = programCode ? programs.find((p) => p.code === programCode) : undefined;
    if (programCode && !program)
      throw DomainError.badInput('programCode', `no program ${programCode}`);
    const counts = await this.reporting.unitCounts({
      period: month,
      programId: program?.id,
      deadlines: programs.map((p) => ({
        programId: p.id,
        due: deadlineOf(month, p.reportingDeadlineDay),
      })),
      defaultDue: deadlineOf(month),
      today,
    });
    const { rows, total } = rankReporting(counts, month);
    return {
      period: month,
      deadline: deadlineOf(month, program?.reportingDeadlineDay),
      ...total,
      provinces: rows,
    };
  }
}
