import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { LocalIndicator, ReportIndicatorInput } from '../local/local-indicator.type';
import { LocalIndicatorsRepository } from '../local/local-indicators.repository';
import { IndicatorReportService } from './indicator-report.service';

/** The office staff's indicators (province.graphql): what they report and their values. */
@Resolver()
@Roles(Role.PROVINCE_OFFICER)
export class IndicatorResolver {
  constructor(
    private readonly store: LocalIndicatorsRepository,
    private readonly reports: IndicatorReportService,
  ) {}

  @Query(() => [LocalIndicator], {
    description:
      'The indicators this province reports, by code, each with its values newest month first.',
  })
  async indicators(): Promise<LocalIndicator[]> {
    return this.store.indicators();
  }

  @Mutation(() => LocalIndicator, {
    description:
      "Validated like a progress report; recorded with its outbox row in one transaction, in the node's one seq space.",
  })
  async reportIndicator(
    @Args('input') input: ReportIndicatorInput,
    @CurrentActor() actor: Actor,
  ): Promise<LocalIndicator> {
    return this.reports.report(input, actor);
  }
}
