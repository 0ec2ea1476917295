import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { SyncEngine } from '../sync/sync-engine';
import { LocalMilestone, ReportProgressInput, SyncState } from '../local/local-milestone.type';
import { LocalStoreRepository } from '../local/local-store.repository';
import { ReportService } from './report.service';

/** The office staff's API (province.graphql): their milestones, reporting, sync. */
@Resolver()
@Roles(Role.PROVINCE_OFFICER)
export class OfficeResolver {
  constructor(
    private readonly store: LocalStoreRepository,
    private readonly reports: ReportService,
    private readonly sync: SyncEngine,
  ) {}

  @Query(() => [LocalMilestone])
  async milestones(
    @Args('programCode', { nullable: true }) programCode?: string,
  ): Promise<LocalMilestone[]> {
    return this.store.milestones(programCode);
  }

  @Query(() => SyncState)
  async syncState(): Promise<SyncState> {
    return this.store.syncState();
  }

  @Mutation(() => LocalMilestone, {
    description:
      'Validated by the same rules as the central app (BAD_USER_INPUT when broken); recorded with its outbox row in one transaction.',
  })
  async reportProgress(
    @Args('input') input: ReportProgressInput,
    @CurrentActor() actor: Actor,
  ): Promise<LocalMilestone> {
    return this.reports.report(input, actor);
  }

  @Mutation(() => SyncState, {
    description:
      'Runs one sync round now (pull plans, push the outbox) and answers the state after it.',
  })
  async syncNow(): Promise<SyncState> {
    await this.sync.syncNow();
    return this.store.syncState();
  }
}
