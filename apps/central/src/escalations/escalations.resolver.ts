import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { MilestoneLoaders } from '../milestones/milestone.loaders';
import { Milestone } from '../milestones/milestone.type';
import { EscalationLoaders } from './escalation.loaders';
import {
  Escalation,
  EscalationConnection,
  EscalationEvent,
  EscalationFilter,
} from './escalation.type';
import { EscalationsService } from './escalations.service';

@Resolver(() => Escalation)
export class EscalationsResolver {
  constructor(
    private readonly service: EscalationsService,
    private readonly loaders: EscalationLoaders,
    private readonly milestones: MilestoneLoaders,
  ) {}

  @Query(() => EscalationConnection, {
    description:
      'Worst first: highest level, then oldest condition. Without a state filter: OPEN and ACKNOWLEDGED ones (the queue).',
  })
  async escalations(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => EscalationFilter, nullable: true }) filter?: EscalationFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<EscalationConnection> {
    return this.service.connection(actor, filter ?? {}, first, after);
  }

  @ResolveField(() => Milestone)
  async milestone(
    @Parent() escalation: Escalation,
    @Context() ctx: RequestContext,
  ): Promise<Milestone> {
    return (await this.milestones.of(ctx).milestone.load(escalation.milestoneId))!;
  }

  @ResolveField(() => [EscalationEvent], {
    description: 'Every change to this escalation, oldest first.',
  })
  async history(
    @Parent() escalation: Escalation,
    @Context() ctx: RequestContext,
  ): Promise<EscalationEvent[]> {
    return this.loaders.of(ctx).escalationEvents.load(escalation.id);
  }

  @Mutation(() => Escalation, {
    description: "Leaders at the escalation's level or above, and the PMO.",
  })
  @Roles(Role.LEADER, Role.PMO)
  async acknowledgeEscalation(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ): Promise<Escalation> {
    return this.service.acknowledge(id, note, actor);
  }

  @Mutation(() => Escalation, {
    description: "Leaders at the escalation's level or above, and the PMO. A note is required.",
  })
  @Roles(Role.LEADER, Role.PMO)
  async resolveEscalation(
    @Args('id', { type: () => ID }) id: string,
    @Args('note') note: string,
    @CurrentActor() actor: Actor,
  ): Promise<Escalation> {
    return this.service.resolve(id, note, actor);
  }
}
