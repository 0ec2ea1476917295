import { Injectable } from '@nestjs/common';
import { EscalationLevel } from '@tracker/domain';
import DataLoader from 'dataloader';
import { groupBy } from '../platform/request/batching';
import { once, PerRequest } from '../platform/request/per-request';
import { EscalationRow } from './escalation.row';
import { EscalationEvent } from './escalation.type';
import { EscalationsRepository } from './escalations.repository';

export interface LiveEscalationCount {
  programId: string;
  level: EscalationLevel;
  n: number;
}

export interface EscalationLoaderSet {
  /** Every escalation of a milestone, worst first. */
  escalations: DataLoader<string, EscalationRow[]>;
  /** The history of an escalation, oldest first. */
  escalationEvents: DataLoader<string, EscalationEvent[]>;
  /** Live (open or acknowledged) escalations by program and level. */
  liveEscalations: () => Promise<LiveEscalationCount[]>;
}

@Injectable()
export class EscalationLoaders extends PerRequest<EscalationLoaderSet> {
  constructor(private readonly escalations: EscalationsRepository) {
    super();
  }

  protected create(): EscalationLoaderSet {
    return {
      escalations: new DataLoader(async (ids) =>
        groupBy(ids, await this.escalations.forMilestones(ids), (e) => e.milestoneId),
      ),
      escalationEvents: new DataLoader(async (ids) =>
        groupBy(ids, await this.escalations.events(ids), (e) => e.escalationId),
      ),
      liveEscalations: once(() => this.escalations.liveCounts()),
    };
  }
}
