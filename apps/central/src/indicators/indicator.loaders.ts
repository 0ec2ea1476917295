import { Injectable } from '@nestjs/common';
import { Target, UnitValue } from '@tracker/domain';
import DataLoader from 'dataloader';
import { groupBy } from '../platform/request/batching';
import { PerRequest } from '../platform/request/per-request';
import { IndicatorsRepository, UnitSpan } from './indicators.repository';

export interface IndicatorLoaderSet {
  /** Targets by indicator id, earliest due first. */
  targets: DataLoader<string, Target[]>;
  /** Every applied value by indicator id. */
  values: DataLoader<string, UnitValue[]>;
  /** The units that report it by indicator id (indicatorReporters). */
  reporterSpans: DataLoader<string, UnitSpan[]>;
}

@Injectable()
export class IndicatorLoaders extends PerRequest<IndicatorLoaderSet> {
  constructor(private readonly indicators: IndicatorsRepository) {
    super();
  }

  protected create(): IndicatorLoaderSet {
    return {
      targets: new DataLoader(async (ids) =>
        groupBy(ids, await this.indicators.targetsOf(ids), (t) => t.indicatorId),
      ),
      values: new DataLoader(async (ids) =>
        groupBy(ids, await this.indicators.appliedValues(ids), (v) => v.indicatorId),
      ),
      reporterSpans: new DataLoader(async (ids) =>
        groupBy(ids, await this.indicators.reporterSpans(ids), (s) => s.indicatorId),
      ),
    };
  }
}
