import { pageSize } from '@tracker/api';
import { Injectable } from '@nestjs/common';
import { IsoDate } from '@tracker/domain';
import { toMilestone, milestoneCursor } from './milestone.mapper';
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
    today: IsoDate,
  ): Promise<MilestoneConnection> {
    const page = await this.milestones.page(filter, pageSize(first), after, today);
    const edges = page.rows.map((row) => ({
      cursor: milestoneCursor(row),
      node: toMilestone(row, today),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }
}
