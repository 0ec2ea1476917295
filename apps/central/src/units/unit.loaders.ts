import { Injectable } from '@nestjs/common';
import { IsoDate, UnitKind } from '@tracker/domain';
import DataLoader from 'dataloader';
import { groupBy } from '../platform/request/batching';
import { once, PerRequest } from '../platform/request/per-request';
import { Unit } from './unit.type';
import { unitFromRow, UnitsRepository } from './units.repository';
import { PrefetchedRows } from '../platform/request/prefetched-rows';
import { RequestContext } from '../platform/request/request-context';

export interface UnitLoaderSet {
  unit: DataLoader<string, Unit | null>;
  /** The units each was formed from, by successor id. */
  predecessors: DataLoader<string, Unit[]>;
  /** Provinces that exist on the loaders' day (the request's, or an asOf), in code order. */
  activeProvinces: () => Promise<Unit[]>;
}

@Injectable()
export class UnitLoaders extends PerRequest<UnitLoaderSet> {
  constructor(private readonly units: UnitsRepository) {
    super();
  }

  protected create(day: IsoDate, ctx: RequestContext): UnitLoaderSet {
    return {
      unit: new DataLoader((ids) =>
        PrefetchedRows.of(ctx).resolve('unit', ids, unitFromRow, (missing) =>
          this.units.findByIds(missing),
        ),
      ),
      predecessors: new DataLoader(async (ids) =>
        groupBy(ids, await this.units.findPredecessors(ids), (u) => u.successorId!),
      ),
      activeProvinces: once(() => this.units.findExisting(day, { kind: UnitKind.PROVINCE })),
    };
  }
}
