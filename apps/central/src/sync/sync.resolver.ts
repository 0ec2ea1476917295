import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError, Role } from '@tracker/domain';
import { RequestContext } from '../auth/request-context';
import { Roles } from '../auth/roles.decorator';
import { NodeSyncStatus } from './node-sync-status.type';
import { PushMilestoneUpdatesInput } from './push-milestone-updates.input';
import { PushMilestoneUpdatesPayload } from './milestone-update.type';

@Resolver()
export class SyncResolver {
  /** One row per active province, in code order: a node that never synced shows as such. */
  @Query(() => [NodeSyncStatus])
  async syncStatus(@Context() ctx: RequestContext): Promise<NodeSyncStatus[]> {
    const provinces = await ctx.loaders.activeProvinces();
    return provinces.map((unit) => ({
      unit,
      lastSyncAt: null,
      highestSeq: 0,
      appliedCount: 0,
      rejectedCount: 0,
    }));
  }

  @Mutation(() => PushMilestoneUpdatesPayload, {
    description:
      'Province nodes (their own unit only) and central agencies (their own CENTRAL milestones only).',
  })
  @Roles(Role.PROVINCE_NODE, Role.AGENCY)
  pushMilestoneUpdates(
    @Args('input') _input: PushMilestoneUpdatesInput,
  ): PushMilestoneUpdatesPayload {
    throw DomainError.badInput('updates', 'the central app does not accept updates yet');
  }
}
