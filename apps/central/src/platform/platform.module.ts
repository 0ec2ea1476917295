import { DynamicModule, Global, Module } from '@nestjs/common';
import { ChangeBus } from './changes/change-bus';
import { ChangeNotifier } from './changes/change-notifier';
import { ChangesResolver } from './changes/changes.resolver';
import { Clock } from './clock/clock';
import { ClockResolver } from './clock/clock.resolver';
import { CentralConfig } from './config/central-config';
import { MetricsController } from './metrics/metrics.controller';
import { ResponseCache } from './response-cache/response-cache';
import { MaintainedDay } from './rollups/maintained-day';
import { DataSource } from 'typeorm';

/** How often an instance looks whether its clock has passed midnight (the roll-ups' day then moves). */
const ROLLUP_DAY_CHECK_MS = 60 * 1000;

/** Belt and braces for a change nobody announced (e.g. an operator's SQL): answers live 5 minutes at most. */
const RESPONSE_MAX_AGE_MS = 5 * 60 * 1000;

export interface PlatformOptions {
  config: CentralConfig;
  databaseUrl: string;
  clock: Clock;
}

/** The plumbing every feature may use; it knows no feature. */
export const PLATFORM_RESOLVERS = [ClockResolver, ChangesResolver];

@Global()
@Module({})
export class PlatformModule {
  static forRoot({ config, databaseUrl, clock }: PlatformOptions): DynamicModule {
    const exported = [
      CentralConfig,
      Clock,
      ResponseCache,
      ChangeBus,
      ChangeNotifier,
      MaintainedDay,
    ];
    return {
      module: PlatformModule,
      controllers: [MetricsController],
      providers: [
        { provide: CentralConfig, useValue: config },
        { provide: Clock, useValue: clock },
        {
          // One per app instance: the plugin stores into it, the HTTP middleware serves from it.
          provide: ResponseCache,
          useValue: new ResponseCache({
            maxBytes: config.responseCacheMb * 1024 * 1024,
            maxAgeMs: RESPONSE_MAX_AGE_MS,
          }),
        },
        {
          // Every change, made here or on another instance, arrives through the bus and retires the cache.
          provide: ChangeBus,
          inject: [ResponseCache],
          useFactory: (cache: ResponseCache) => {
            const bus = new ChangeBus(databaseUrl);
            bus.onChange(() => cache.invalidate());
            return bus;
          },
        },
        ChangeNotifier,
        {
          provide: MaintainedDay,
          inject: [DataSource, Clock, ChangeBus, ChangeNotifier],
          useFactory: (db: DataSource, clock: Clock, bus: ChangeBus, changes: ChangeNotifier) =>
            new MaintainedDay(db, clock, bus, changes, ROLLUP_DAY_CHECK_MS),
        },
        ...PLATFORM_RESOLVERS,
      ],
      exports: exported,
    };
  }
}
