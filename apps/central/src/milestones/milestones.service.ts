import { mapPage, pageSize } from '@tracker/api';
import { Injectable } from '@nestjs/common';
import { asOfDay } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { readDay } from './as-of.sql';
import { toMilestone } from './milestone.mapper';
import { keepRefs } from './milestone.row';
import { MilestoneFilter } from './milestone-filter.input';
import { MilestoneConnection } from './milestone.type';
import { MilestonesRepository } from './milestones.repository';

@Injectable()
export class MilestonesService {
  constructor(private readonly milestones: MilestonesRepository) {}

  async connection(
    filter: MilestoneFilter,
    first: number | undefined,
    after: string | undefined,
    ctx: RequestContext,
  ): Promise<MilestoneConnection> {
    const on = readDay(asOfDay(filter.asOf, ctx.today), ctx);
    const page = await this.milestones.page(filter, pageSize(first), after, on);
    keepRefs(
      ctx,
      page.edges.map((e) => e.node),
    );
    return mapPage(page, (row) => toMilestone(row, on.day));
  }
}
