import { isUuid } from '@tracker/api';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '../platform/request/request-context';
import { UnitLoaders } from '../units/unit.loaders';
import { Unit } from '../units/unit.type';
import { MilestoneFilter } from './milestone-filter.input';
import { MilestoneLoaders } from './milestone.loaders';
import { Milestone, MilestoneConnection } from './milestone.type';
import { MilestonesService } from './milestones.service';

/** A milestone's own fields; its program, history and escalations are resolved by those features. */
@Resolver(() => Milestone)
export class MilestonesResolver {
  constructor(
    private readonly service: MilestonesService,
    private readonly loaders: MilestoneLoaders,
    private readonly units: UnitLoaders,
  ) {}

  @Query(() => Milestone, { nullable: true })
  async milestone(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
  ): Promise<Milestone | null> {
    return isUuid(id) ? this.loaders.of(ctx).milestone.load(id) : null;
  }

  @Query(() => MilestoneConnection)
  async milestones(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => MilestoneFilter, nullable: true }) filter?: MilestoneFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<MilestoneConnection> {
    return this.service.connection(filter ?? {}, first, after, ctx);
  }

  @ResolveField(() => [Milestone], {
    description:
      'Milestones of merged units that this one carries on (their history stays theirs).',
  })
  async predecessors(@Parent() m: Milestone, @Context() ctx: RequestContext): Promise<Milestone[]> {
    return this.loaders.of(ctx).predecessors.load(m.id);
  }

  @ResolveField(() => Milestone, {
    nullable: true,
    description: "Set when this milestone's unit was merged: the milestone that carries it on.",
  })
  async successor(
    @Parent() m: Milestone,
    @Context() ctx: RequestContext,
  ): Promise<Milestone | null> {
    return m.successorId ? this.loaders.of(ctx).milestone.load(m.successorId) : null;
  }

  @ResolveField(() => Unit)
  async unit(@Parent() m: Milestone, @Context() ctx: RequestContext): Promise<Unit> {
    return (await this.units.of(ctx).unit.load(m.unitId))!;
  }
}
