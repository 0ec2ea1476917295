import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../platform/request/batching';
import { PerRequest } from '../platform/request/per-request';
import { PlanItem, Program } from './program.type';
import { PlansRepository } from './plans.repository';
import { ProgramsRepository } from './programs.repository';

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

  protected create(): ProgramLoaderSet {
    return {
      program: new DataLoader(async (ids) =>
        byKey(ids, await this.programs.findByIds(ids), (p) => p.id),
      ),
      plan: new DataLoader(async (ids) =>
        groupBy(ids, await this.plans.currentPlans(ids), (i) => i.programId),
      ),
    };
  }
}
