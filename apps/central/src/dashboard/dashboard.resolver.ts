import { DateScalar, pageSize } from '@tracker/api';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { asOfDay } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { ProvinceRow } from '../rollup/rollup.type';
import { DashboardService } from './dashboard.service';
import { NationalDashboard } from './national-dashboard.type';

@Resolver(() => NationalDashboard)
export class DashboardResolver {
  constructor(private readonly dashboard: DashboardService) {}

  @Query(() => NationalDashboard, {
    description: 'As of the end of that day (default today); a date after today is BAD_USER_INPUT.',
  })
  async nationalDashboard(
    @Context() ctx: RequestContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<NationalDashboard> {
    return this.dashboard.national(ctx, asOfDay(asOf, ctx.today));
  }

  @ResolveField(() => [ProvinceRow], {
    description:
      'Provinces ordered worst first (most late + blocked milestones across all programs).',
  })
  laggingProvinces(
    @Parent() dashboard: NationalDashboard,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 10 }) first?: number,
  ): ProvinceRow[] {
    return dashboard.provincesWorstFirst.slice(0, pageSize(first, 10));
  }
}
