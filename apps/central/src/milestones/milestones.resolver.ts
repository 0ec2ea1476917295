import { isUuid, pageSize } from '@tracker/api';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { EscalationState } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { toEscalation } from '../escalations/escalation.row';
import { Escalation } from '../escalations/escalation.type';
import { Program } from '../programs/program.type';
import { MilestoneUpdateConnection } from '../sync/milestone-update.type';
import { SyncStatusRepository } from '../sync/sync-status.repository';
import { Unit } from '../units/unit.type';
import { MilestoneFilter } from './milestone-filter.input';
import { Milestone, MilestoneConnection } from './milestone.type';
import { MilestonesService } from './milestones.service';

@Resolver(() => Milestone)
export class MilestonesResolver {
  constructor(
    private readonly service: MilestonesService,
    private readonly sync: SyncStatusRepository,
  ) {}

  @Query(() => Milestone, { nullable: true })
  async milestone(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
  ): Promise<Milestone | null> {
    return isUuid(id) ? ctx.loaders.milestone.load(id) : null;
  }

  @Query(() => MilestoneConnection)
  async milestones(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => MilestoneFilter, nullable: true }) filter?: MilestoneFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<MilestoneConnection> {
    return this.service.connection(filter ?? {}, first, after, ctx.loaders.today);
  }

  @ResolveField(() => Program)
  async program(@Parent() m: Milestone, @Context() ctx: RequestContext): Promise<Program> {
    return (await ctx.loaders.program.load(m.programId))!;
  }

  @ResolveField(() => Unit)
  async unit(@Parent() m: Milestone, @Context() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.unit.load(m.unitId))!;
  }

  @ResolveField(() => MilestoneUpdateConnection)
  async history(
    @Parent() m: Milestone,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<MilestoneUpdateConnection> {
    return this.sync.history(m.id, pageSize(first, 20), after);
  }

  @ResolveField(() => [Escalation])
  async escalations(
    @Parent() m: Milestone,
    @Context() ctx: RequestContext,
    @Args('state', { type: () => EscalationState, nullable: true }) state?: EscalationState,
  ): Promise<Escalation[]> {
    const rows = await ctx.loaders.escalations.load(m.id);
    return rows.filter((r) => !state || r.state === state).map(toEscalation);
  }
}
