import { pageSize } from '@tracker/api';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '../platform/request/request-context';
import { ProvinceRow } from '../rollup/rollup.type';
import { DashboardService } from './dashboard.service';
import { NationalDashboard } from './national-dashboard.type';

@Resolver(() => NationalDashboard)
export class DashboardResolver {
  constructor(private readonly dashboard: DashboardService) {}

  @Query(() => NationalDashboard)
  async nationalDashboard(@Context() ctx: RequestContext): Promise<NationalDashboard> {
    return this.dashboard.national(ctx);
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
