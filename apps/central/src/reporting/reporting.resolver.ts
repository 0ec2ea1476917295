import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '../platform/request/request-context';
import { UnitLoaders } from '../units/unit.loaders';
import { Unit } from '../units/unit.type';
import { ReportingCompleteness, ReportingRow } from './reporting.type';
import { ReportingService } from './reporting.service';

@Resolver(() => ReportingCompleteness)
export class ReportingResolver {
  constructor(private readonly service: ReportingService) {}

  /** Read by every role, as the national dashboard is. */
  @Query(() => ReportingCompleteness, {
    description:
      "Who reported for a month, and on time (domain.md 'Reporting periods'); worst provinces first.",
  })
  async reportingCompleteness(
    @Context() ctx: RequestContext,
    @Args('period') period: string,
    @Args('programCode', { type: () => ID, nullable: true }) programCode?: string,
  ): Promise<ReportingCompleteness> {
    return this.service.completeness(period, programCode ?? undefined, ctx.today);
  }
}

@Resolver(() => ReportingRow)
export class ReportingRowResolver {
  constructor(private readonly units: UnitLoaders) {}

  /** One statement for every row's unit, whatever the number of provinces. */
  @ResolveField(() => Unit)
  async unit(@Parent() row: ReportingRow, @Context() ctx: RequestContext): Promise<Unit> {
    return (await this.units.of(ctx).unit.load(row.unitId))!;
  }
}
