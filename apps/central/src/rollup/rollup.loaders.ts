import { Injectable } from '@nestjs/common';
import { IsoDate } from '@tracker/domain';
import DataLoader from 'dataloader';
import { readDay } from '../milestones/as-of.sql';
import { groupBy } from '../platform/request/batching';
import { RequestContext } from '../platform/request/request-context';
import { PerRequest } from '../platform/request/per-request';
import { RollupCell, RollupSumsRepository } from './rollup-sums.repository';

export interface RollupLoaderSet {
  /** A program's roll-up sums, one cell per unit with milestones. */
  cells: DataLoader<string, RollupCell[]>;
}

@Injectable()
export class RollupLoaders extends PerRequest<RollupLoaderSet> {
  constructor(private readonly sums: RollupSumsRepository) {
    super();
  }

  protected create(day: IsoDate, ctx: RequestContext): RollupLoaderSet {
    const on = readDay(day, ctx);
    return {
      cells: new DataLoader(async (ids) =>
        groupBy(ids, await this.sums.cells(ids, on), (c) => c.programId),
      ),
    };
  }
}
