import { pageSize } from '@tracker/api';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Milestone } from '../milestones/milestone.type';
import { MilestoneUpdateConnection } from './milestone-update.type';
import { SyncStatusRepository } from './sync-status.repository';

/** Milestone.history: the updates the ledger applied to it, here with the ledger. */
@Resolver(() => Milestone)
export class MilestoneHistoryResolver {
  constructor(private readonly sync: SyncStatusRepository) {}

  @ResolveField(() => MilestoneUpdateConnection)
  async history(
    @Parent() m: Milestone,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<MilestoneUpdateConnection> {
    return this.sync.history(m.id, pageSize(first, 20), after);
  }
}
