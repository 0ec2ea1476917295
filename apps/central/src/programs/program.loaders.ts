import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy } from '../platform/request/batching';
import { PerRequest } from '../platform/request/per-request';
import { PlanItem, Program } from './program.type';
import { PlansRepository } from './plans.repository';
import { programFromRow, ProgramsRepository } from './programs.repository';
import { PrefetchedRows } from '../platform/request/prefetched-rows';
import { RequestContext } from '../platform/request/request-context';
import { IsoDate } from '@tracker/domain';

export interface ProgramLoaderSet {
  program: DataLoader<string, Program | null>;
  /** A program's current plan, by program id. */
  plan: DataLoader<string, PlanItem[]>;
}

@Injectable()
export class ProgramLoaders extends PerRequest<ProgramLoaderSet> {
  constructor(
    private readonly programs: ProgramsRepository,
    private readonly plans: PlansRepository,
  ) {
    super();
  }

  protected create(_day: IsoDate, ctx: RequestContext): ProgramLoaderSet {
    return {
      program: new DataLoader((ids) =>
        PrefetchedRows.of(ctx).resolve('program', ids, programFromRow, (missing) =>
          this.programs.findByIds(missing),
        ),
      ),
      plan: new DataLoader(async (ids) =>
        groupBy(ids, await this.plans.currentPlans(ids), (i) => i.programId),
      ),
    };
  }
}
