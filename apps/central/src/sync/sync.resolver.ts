import { CurrentActor, Roles } from '@tracker/api';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { MilestoneLoaders } from '../milestones/milestone.loaders';
import { loadAll } from '../platform/request/batching';
import { UnitLoaders } from '../units/unit.loaders';
import { Unit } from '../units/unit.type';
import { NodeSyncStatus } from './node-sync-status.type';
import { PushMilestoneUpdatesPayload } from './milestone-update.type';
import { PushMilestoneUpdatesInput } from './push-milestone-updates.input';
import { SyncLoaders } from './sync.loaders';
import { SyncService } from './sync.service';

@Resolver()
export class SyncResolver {
  constructor(
    private readonly sync: SyncService,
    private readonly loaders: SyncLoaders,
    private readonly units: UnitLoaders,
    private readonly milestones: MilestoneLoaders,
  ) {}

  /** One row per active province in code order (a node that never synced shows as such), then agencies that reported. */
  @Query(() => [NodeSyncStatus])
  async syncStatus(@Context() ctx: RequestContext): Promise<NodeSyncStatus[]> {
    const [provinces, nodes] = await Promise.all([
      this.units.of(ctx).activeProvinces(),
      this.loaders.of(ctx).nodeSync(),
    ]);
    const provinceIds = new Set(provinces.map((p) => p.id));
    const others = await loadAll(
      this.units.of(ctx).unit,
      [...nodes.keys()].filter((id) => !provinceIds.has(id)),
    );
    const units = [...provinces, ...others.filter((u): u is Unit => u !== null)];
    return units.map((unit) => {
      const row = nodes.get(unit.id);
      return {
        unit,
        lastSyncAt: row?.lastSyncAt ?? null,
        highestSeq: row?.highestSeq ?? 0,
        appliedCount: row?.appliedCount ?? 0,
        rejectedCount: row?.rejectedCount ?? 0,
      };
    });
  }

  @Mutation(() => PushMilestoneUpdatesPayload, {
    description:
      'Province nodes (their own unit only) and central agencies (their own CENTRAL milestones only).',
  })
  @Roles(Role.PROVINCE_NODE, Role.AGENCY)
  async pushMilestoneUpdates(
    @Args('input') input: PushMilestoneUpdatesInput,
    @CurrentActor() actor: Actor,
    @Context() ctx: RequestContext,
  ): Promise<PushMilestoneUpdatesPayload> {
    const { decisions, valueDecisions, highestAckedSeq } = await this.sync.push(actor, input);
    const ids = decisions.map((d) => d.milestoneId).filter((id): id is string => id !== null);
    const byId = new Map(
      (await loadAll(this.milestones.of(ctx).milestone, ids))
        .filter((m) => m !== null)
        .map((m) => [m!.id, m!]),
    );
    return {
      highestAckedSeq,
      results: decisions.map((d) => ({
        idempotencyKey: d.idempotencyKey,
        outcome: d.outcome,
        firstOutcome: d.firstOutcome,
        reason: d.reason,
        milestone: d.milestoneId ? (byId.get(d.milestoneId) ?? null) : null,
      })),
      indicatorResults: valueDecisions.map((d) => ({
        idempotencyKey: d.idempotencyKey,
        outcome: d.outcome,
        firstOutcome: d.firstOutcome,
        reason: d.reason,
      })),
    };
  }
}
