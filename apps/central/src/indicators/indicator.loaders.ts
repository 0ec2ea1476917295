import { Injectable } from '@nestjs/common';
import { MonthSums, Period, Target, UnitValue } from '@tracker/domain';
import DataLoader from 'dataloader';
import { groupBy } from '../platform/request/batching';
import { PerRequest } from '../platform/request/per-request';
import { IndicatorsRepository, UnitSpan } from './indicators.repository';

export interface IndicatorLoaderSet {
  /** Targets by indicator id, earliest due first. */
  targets: DataLoader<string, Target[]>;
  /** Per month, its reporters' values added up (the national series), by indicator id. */
  monthSums: DataLoader<string, MonthSums[]>;
  /** Each reporter's value of one month, by indicator id and month. */
  monthValues: DataLoader<{ indicatorId: string; period: Period }, UnitValue[], string>;
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
      monthSums: new DataLoader(async (ids) =>
        groupBy(ids, await this.indicators.monthSums(ids), (v) => v.indicatorId),
      ),
      monthValues: new DataLoader(
        async (keys) => {
          const values = await this.indicators.valuesOfMonths(keys);
          return keys.map((k) =>
            values.filter((v) => v.indicatorId === k.indicatorId && v.period === k.period),
          );
        },
        { cacheKeyFn: (k) => `${k.indicatorId}|${k.period}` },
      ),
      reporterSpans: new DataLoader(async (ids) =>
        groupBy(ids, await this.indicators.reporterSpans(ids), (s) => s.indicatorId),
      ),
    };
  }
}
