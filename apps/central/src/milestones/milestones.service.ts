import { mapPage, pageSize } from '@tracker/api';
import { Injectable } from '@nestjs/common';
import { asOfDay, IsoDate } from '@tracker/domain';
import { readDay } from './as-of.sql';
import { toMilestone } from './milestone.mapper';
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
    const on = readDay(asOfDay(filter.asOf, today), today);
    return mapPage(await this.milestones.page(filter, pageSize(first), after, on), (row) =>
      toMilestone(row, on.day),
    );
  }
}
