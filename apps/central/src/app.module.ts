import {
  AuthGuard,
  DateScalar,
  DateTimeScalar,
  TOKEN_AUTHORITY,
  TOKEN_REVOCATIONS,
  formatGraphQLError,
  queryLimitsPlugin,
  inputValidationPipe,
} from '@tracker/api';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TokenAuthority } from '@tracker/auth';
import { centralDataSourceOptions } from '@tracker/persistence';
import { RequestContext } from './auth/request-context';
import { Clock } from './clock/clock';
import { CentralConfig } from './config/central-config';
import { CENTRAL_RESOLVERS } from './central-resolvers';
import { CoreModule } from './core.module';
import { DashboardService } from './dashboard/dashboard.service';
import { LoadersFactory } from './graphql/loaders';
import { AuditRepository } from './audit/audit.repository';
import { ChangeBus } from './changes/change-bus';
import { RevocationList } from './tokens/revocation-list';
import { ChangeNotifier } from './changes/change-notifier';
import { EscalationEngine } from './escalations/escalation-engine';
import { EscalationEngineRepository } from './escalations/escalation-engine.repository';
import { EscalationsService } from './escalations/escalations.service';
import { SyncLedgerRepository } from './sync/sync-ledger.repository';
import { SyncService } from './sync/sync.service';
import { HealthController } from '@tracker/api';
import { MilestonesService } from './milestones/milestones.service';
import { ProgramsService } from './programs/programs.service';

export interface CentralModuleOptions {
  config: CentralConfig;
  databaseUrl: string;
  authority: TokenAuthority;
  clock: Clock;
}

@Module({})
export class CentralAppModule {
  static forRoot(options: CentralModuleOptions): DynamicModule {
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
            plugins: [queryLimitsPlugin()],
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
      controllers: [HealthController],
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
        {
          provide: ChangeBus,
          useFactory: () => new ChangeBus(options.databaseUrl),
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
