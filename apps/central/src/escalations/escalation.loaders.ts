import { Injectable } from '@nestjs/common';
import { IsoDate } from '@tracker/domain';
import DataLoader from 'dataloader';
import { readDay } from '../milestones/as-of.sql';
import { groupBy } from '../platform/request/batching';
import { once, PerRequest } from '../platform/request/per-request';
import { RequestContext } from '../platform/request/request-context';
import { EscalationRow } from './escalation.row';
import { EscalationEvent } from './escalation.type';
import { EscalationsRepository, LiveEscalationCount } from './escalations.repository';

export interface EscalationLoaderSet {
  /** Every escalation of a milestone, worst first. */
  escalations: DataLoader<string, EscalationRow[]>;
  /** The history of an escalation, oldest first. */
  escalationEvents: DataLoader<string, EscalationEvent[]>;
  /** Live (open or acknowledged) escalations by program and level, on the loaders' day. */
  liveEscalations: () => Promise<LiveEscalationCount[]>;
}

@Injectable()
export class EscalationLoaders extends PerRequest<EscalationLoaderSet> {
  constructor(private readonly escalations: EscalationsRepository) {
    super();
  }

  protected create(day: IsoDate, ctx: RequestContext): EscalationLoaderSet {
    return {
      escalations: new DataLoader(async (ids) =>
        groupBy(ids, await this.escalations.forMilestones(ids), (e) => e.milestoneId),
      ),
      escalationEvents: new DataLoader(async (ids) =>
        groupBy(ids, await this.escalations.events(ids), (e) => e.escalationId),
      ),
      liveEscalations: once(() => this.escalations.liveCounts(readDay(day, ctx))),
    };
  }
}
