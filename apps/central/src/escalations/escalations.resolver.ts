import { Roles, pageSize } from '@tracker/api';
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
import { DomainError, Role } from '@tracker/domain';
import { RequestContext } from '../auth/request-context';
import { Milestone } from '../milestones/milestone.type';
import { Escalation, EscalationConnection, EscalationFilter } from './escalation.type';

/**
 * The escalation API of the contract. The engine that raises escalations is a
 * later piece of work; until it lands there are none, so the queue is empty and
 * acting on an id finds nothing.
 */
@Resolver(() => Escalation)
export class EscalationsResolver {
  @Query(() => EscalationConnection)
  escalations(
    @Args('filter', { type: () => EscalationFilter, nullable: true }) _filter?: EscalationFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { nullable: true }) _after?: string,
  ): EscalationConnection {
    pageSize(first);
    return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
  }

  @ResolveField(() => Milestone)
  async milestone(
    @Parent() escalation: Escalation,
    @Context() ctx: RequestContext,
  ): Promise<Milestone> {
    return (await ctx.loaders.milestone.load(escalation.milestoneId))!;
  }

  @Mutation(() => Escalation, {
    description: "Leaders at the escalation's level or above, and the PMO.",
  })
  @Roles(Role.LEADER, Role.PMO)
  acknowledgeEscalation(
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { nullable: true }) _note?: string,
  ): Escalation {
    throw DomainError.notFound(`no escalation ${id.slice(0, 64)}`);
  }

  @Mutation(() => Escalation, {
    description: "Leaders at the escalation's level or above, and the PMO. A note is required.",
  })
  @Roles(Role.LEADER, Role.PMO)
  resolveEscalation(
    @Args('id', { type: () => ID }) id: string,
    @Args('note') _note: string,
  ): Escalation {
    throw DomainError.notFound(`no escalation ${id.slice(0, 64)}`);
  }
}
