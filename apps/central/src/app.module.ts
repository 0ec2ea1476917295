import {
  ApolloPlugin,
  AuthGuard,
  databaseUnavailablePlugin,
  DateScalar,
  DateTimeScalar,
  formatGraphQLError,
  HealthController,
  inputValidationPipe,
  queryLimitsPlugin,
  TOKEN_AUTHORITY,
} from '@tracker/api';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokenAuthority } from '@tracker/auth';
import { centralDataSourceOptions } from '@tracker/persistence';
import { AuditModule } from './audit/audit.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { EscalationsModule } from './escalations/escalations.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { MilestonesModule } from './milestones/milestones.module';
import { Clock } from './platform/clock/clock';
import { PlatformModule, PlatformOptions } from './platform/platform.module';
import { RequestContext } from './platform/request/request-context';
import { ResponseCache } from './platform/response-cache/response-cache';
import { responseCachePlugin } from './platform/response-cache/response-cache.plugin';
import { MaintainedDay } from './platform/rollups/maintained-day';
import { ProgramsModule } from './programs/programs.module';
import { ReorganisationModule } from './reorganisation/reorganisation.module';
import { ReportingModule } from './reporting/reporting.module';
import { RollupModule } from './rollup/rollup.module';
import { SyncModule } from './sync/sync.module';
import { TokensModule } from './tokens/tokens.module';
import { UnitsModule } from './units/units.module';

export interface CentralModuleOptions extends PlatformOptions {
  authority: TokenAuthority;
}

/** The composition root: the platform, the database, GraphQL and every feature module. */
@Module({})
export class CentralAppModule {
  static forRoot(options: CentralModuleOptions): DynamicModule {
    return {
      module: CentralAppModule,
      imports: [
        PlatformModule.forRoot(options),
        TypeOrmModule.forRoot(
          centralDataSourceOptions({ url: options.databaseUrl, applicationName: 'nsdb-central' }),
        ),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Clock, ResponseCache, MaintainedDay],
          useFactory: (clock: Clock, cache: ResponseCache, rollups: MaintainedDay) => ({
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
              databaseUnavailablePlugin(),
              responseCachePlugin(cache),
              ApolloServerPluginCacheControlDisabled() as ApolloPlugin,
            ],
            includeStacktraceInErrorResponses: false,
            // Nest resets an answer with data to HTTP 200; a database that is away must stay 503
            // (databaseUnavailablePlugin). No other error of ours carries an HTTP status.
            preserveHttpStatusForExecutionErrors: false,
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
              today: clock.today(),
              maintainedDay: rollups.day,
            }),
          }),
        }),
        UnitsModule,
        AuditModule,
        TokensModule,
        MilestonesModule,
        EscalationsModule,
        SyncModule,
        RollupModule,
        ProgramsModule,
        IndicatorsModule,
        ReportingModule,
        ReorganisationModule,
        DashboardModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: TOKEN_AUTHORITY, useValue: options.authority },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        DateScalar,
        DateTimeScalar,
      ],
    };
  }
}
