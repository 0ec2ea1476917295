import { Injectable } from '@nestjs/common';
import { IsoDate } from '@tracker/domain';
import DataLoader from 'dataloader';
import { groupBy } from '../platform/request/batching';
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

  protected create(today: IsoDate): RollupLoaderSet {
    return {
      cells: new DataLoader(async (ids) =>
        groupBy(ids, await this.sums.cells(ids, today), (c) => c.programId),
      ),
    };
  }
}
