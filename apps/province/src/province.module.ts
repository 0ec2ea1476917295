import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import {
  ApiContext,
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
import { TokenAuthority } from '@tracker/auth';
import { dataSourceOptions } from '@tracker/persistence';
import { DataSource } from 'typeorm';
import { LocalIndicatorsRepository } from './local/local-indicators.repository';
import { LocalStoreRepository } from './local/local-store.repository';
import { NodeClock } from './local/node-clock';
import { IndicatorReportService } from './office/indicator-report.service';
import { ReportService } from './office/report.service';
import { PROVINCE_RESOLVERS } from './province-resolvers';
import { CentralClient } from './sync/central-client';
import { SyncEngine, SyncSettings } from './sync/sync-engine';
import { SyncStoreRepository } from './sync/sync-store.repository';

export interface ProvinceModuleOptions {
  provinceCode: string;
  databaseUrl: string;
  /** Connections this node may hold on its database (many nodes may share one server). */
  databasePoolSize: number;
  authority: TokenAuthority;
  central: CentralClient;
  sync: SyncSettings;
}

@Module({})
export class ProvinceAppModule {
  static forRoot(options: ProvinceModuleOptions): DynamicModule {
    // Named per node: several nodes in one process (npm run provinces) each hold their own.
    const dataSourceName = `province-${options.provinceCode}`;
    return {
      module: ProvinceAppModule,
      imports: [
        TypeOrmModule.forRoot({
          name: dataSourceName,
          ...dataSourceOptions('province', {
            url: options.databaseUrl,
            applicationName: `nsdb-province-${options.provinceCode}`,
            poolSize: options.databasePoolSize,
          }),
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          playground: false,
          introspection: false,
          plugins: [queryLimitsPlugin(), databaseUnavailablePlugin()],
          includeStacktraceInErrorResponses: false,
          // Nest resets an answer with data to HTTP 200; a database that is away must stay 503
          // (databaseUnavailablePlugin). No other error of ours carries an HTTP status.
          preserveHttpStatusForExecutionErrors: false,
          formatError: formatGraphQLError,
          context: ({ req }: ApiContext): ApiContext => ({ req }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        // the repositories inject the default DataSource: it is this node's
        { provide: DataSource, useExisting: getDataSourceToken(dataSourceName) },
        { provide: TOKEN_AUTHORITY, useValue: options.authority },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: CentralClient, useValue: options.central },
        { provide: NodeClock, useValue: new NodeClock() },
        {
          provide: SyncEngine,
          inject: [
            CentralClient,
            SyncStoreRepository,
            LocalStoreRepository,
            LocalIndicatorsRepository,
            NodeClock,
          ],
          useFactory: (
            central: CentralClient,
            store: SyncStoreRepository,
            local: LocalStoreRepository,
            indicators: LocalIndicatorsRepository,
            clock: NodeClock,
          ) => new SyncEngine(central, store, local, indicators, clock, options.sync),
        },
        DateScalar,
        DateTimeScalar,
        LocalStoreRepository,
        LocalIndicatorsRepository,
        SyncStoreRepository,
        ReportService,
        IndicatorReportService,
        ...PROVINCE_RESOLVERS,
      ],
    };
  }
}
