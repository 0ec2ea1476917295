import { Injectable } from '@nestjs/common';
import { IsoDate, UnitKind } from '@tracker/domain';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../platform/request/batching';
import { once, PerRequest } from '../platform/request/per-request';
import { Unit } from './unit.type';
import { UnitsRepository } from './units.repository';

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

  protected create(day: IsoDate): UnitLoaderSet {
    return {
      unit: new DataLoader(async (ids) => byKey(ids, await this.units.findByIds(ids), (u) => u.id)),
      predecessors: new DataLoader(async (ids) =>
        groupBy(ids, await this.units.findPredecessors(ids), (u) => u.successorId!),
      ),
      activeProvinces: once(() => this.units.findExisting(day, { kind: UnitKind.PROVINCE })),
    };
  }
}
