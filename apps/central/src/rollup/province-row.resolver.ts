import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '../platform/request/request-context';
import { MilestoneLoaders, rowMilestonesKey } from '../milestones/milestone.loaders';
import { Milestone } from '../milestones/milestone.type';
import { ProvinceRow } from './rollup.type';

@Resolver(() => ProvinceRow)
export class ProvinceRowResolver {
  constructor(private readonly loaders: MilestoneLoaders) {}

  /** One statement for every row of a board, whatever the number of provinces. */
  @ResolveField(() => [Milestone], {
    description:
      "Not in the contract: this province's milestones in the row's program (on the national dashboard: in every program), cancelled ones included, in program code then key order.",
  })
  async milestones(
    @Parent() row: ProvinceRow,
    @Context() ctx: RequestContext,
  ): Promise<Milestone[]> {
    return this.loaders
      .of(ctx, row.asOf)
      .rowMilestones.load(rowMilestonesKey(row.programId, row.unit.id));
  }
}
