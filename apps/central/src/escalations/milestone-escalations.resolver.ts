import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { EscalationState } from '@tracker/domain';
import { Milestone } from '../milestones/milestone.type';
import { RequestContext } from '../platform/request/request-context';
import { EscalationLoaders } from './escalation.loaders';
import { toEscalation } from './escalation.row';
import { Escalation } from './escalation.type';

/** Milestone.escalations: here, so that milestones need not know escalations. */
@Resolver(() => Milestone)
export class MilestoneEscalationsResolver {
  constructor(private readonly loaders: EscalationLoaders) {}

  @ResolveField(() => [Escalation])
  async escalations(
    @Parent() m: Milestone,
    @Context() ctx: RequestContext,
    @Args('state', { type: () => EscalationState, nullable: true }) state?: EscalationState,
  ): Promise<Escalation[]> {
    const rows = await this.loaders.of(ctx).escalations.load(m.id);
    return rows.filter((r) => !state || r.state === state).map(toEscalation);
  }
}
