import {
  ApolloPlugin,
  AuthGuard,
  DateScalar,
  DateTimeScalar,
  TOKEN_AUTHORITY,
  TOKEN_REVOCATIONS,
  formatGraphQLError,
  queryLimitsPlugin,
  inputValidationPipe,
} from '@tracker/api';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TokenAuthority } from '@tracker/auth';
import { centralDataSourceOptions } from '@tracker/persistence';
import { RequestContext } from './platform/request/request-context';
import { Clock } from './platform/clock/clock';
import { CentralConfig } from './platform/config/central-config';
import { CENTRAL_RESOLVERS } from './central-resolvers';
import { CoreModule } from './core.module';
import { DashboardService } from './dashboard/dashboard.service';
import { LoadersFactory } from './graphql/loaders';
import { AuditRepository } from './audit/audit.repository';
import { ChangeBus } from './platform/changes/change-bus';
import { RevocationList } from './tokens/revocation-list';
import { ChangeNotifier } from './platform/changes/change-notifier';
import { EscalationEngine } from './escalations/escalation-engine';
import { EscalationEngineRepository } from './escalations/escalation-engine.repository';
import { EscalationsService } from './escalations/escalations.service';
import { SyncLedgerRepository } from './sync/sync-ledger.repository';
import { SyncService } from './sync/sync.service';
import { HealthController } from '@tracker/api';
import { MetricsController } from './platform/metrics/metrics.controller';
import { ResponseCache } from './platform/response-cache/response-cache';
import { responseCachePlugin } from './platform/response-cache/response-cache.plugin';
import { MilestonesService } from './milestones/milestones.service';
import { ProgramsService } from './programs/programs.service';

/** Belt and braces for a change nobody announced (e.g. an operator's SQL): answers live 5 minutes at most. */
const RESPONSE_MAX_AGE_MS = 5 * 60 * 1000;

export interface CentralModuleOptions {
  config: CentralConfig;
  databaseUrl: string;
  authority: TokenAuthority;
  clock: Clock;
}

@Module({})
export class CentralAppModule {
  static forRoot(options: CentralModuleOptions): DynamicModule {
    // One per app instance: the plugin stores into it, the HTTP middleware serves from it.
    const cache = new ResponseCache({
      maxBytes: options.config.responseCacheMb * 1024 * 1024,
      maxAgeMs: RESPONSE_MAX_AGE_MS,
    });
    return {
      module: CentralAppModule,
      imports: [
        CoreModule.forRoot(options.clock),
        TypeOrmModule.forRoot(
          centralDataSourceOptions({ url: options.databaseUrl, applicationName: 'nsdb-central' }),
        ),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [CoreModule.forRoot(options.clock)],
          inject: [LoadersFactory],
          useFactory: (loaders: LoadersFactory) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            playground: false,
            // The schema is public in the demo (for exploring), not in production.
            introspection: options.config.mode === 'demo',
            // Apollo's cache-control hints are unused (whole answers are cached by
            // responseCachePlugin); left on, it wraps every field's resolver.
            plugins: [
              queryLimitsPlugin(),
              responseCachePlugin(cache),
              ApolloServerPluginCacheControlDisabled() as ApolloPlugin,
            ],
            includeStacktraceInErrorResponses: false,
            formatError: formatGraphQLError,
            subscriptions: { 'graphql-ws': { path: '/graphql' } },
            // HTTP requests bring their headers; a graphql-ws connection brings its token
            // in the connection params, presented to the same guard as a header.
            context: (ctx: {
              req?: RequestContext['req'];
              connectionParams?: { authorization?: unknown };
            }): RequestContext => ({
              req:
                ctx.req ??
                ({
                  headers: { authorization: String(ctx.connectionParams?.authorization ?? '') },
                } as RequestContext['req']),
              loaders: loaders.create(),
            }),
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: CentralConfig, useValue: options.config },
        { provide: TOKEN_AUTHORITY, useValue: options.authority },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        DateScalar,
        DateTimeScalar,
        ProgramsService,
        MilestonesService,
        DashboardService,
        SyncLedgerRepository,
        SyncService,
        ChangeNotifier,
        { provide: ResponseCache, useValue: cache },
        {
          provide: ChangeBus,
          useFactory: () => {
            const bus = new ChangeBus(options.databaseUrl);
            bus.onChange(() => cache.invalidate());
            return bus;
          },
        },
        EscalationEngineRepository,
        EscalationEngine,
        EscalationsService,
        AuditRepository,
        {
          provide: RevocationList,
          inject: [DataSource, AuditRepository],
          useFactory: (db: DataSource, audit: AuditRepository) =>
            new RevocationList(db, audit, options.config.revocationRefreshMs),
        },
        { provide: TOKEN_REVOCATIONS, useExisting: RevocationList },
        ...CENTRAL_RESOLVERS,
      ],
    };
  }
}
