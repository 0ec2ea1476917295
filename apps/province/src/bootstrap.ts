import { Logger, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { applyHttpTimeouts } from '@tracker/api';
import { loadOrCreateSecret, provinceAuthority, TokenAuthority } from '@tracker/auth';
import { migrateDatabase, startEmbeddedPostgres, waitForDatabase } from '@tracker/persistence';
import { join } from 'node:path';
import { loadProvinceConfig, ProvinceConfig } from './config/province-config';
import { ProvinceAppModule } from './province.module';
import { CentralClient } from './sync/central-client';
import { SyncEngine } from './sync/sync-engine';

export interface RunningProvince {
  app: NestExpressApplication;
  url: string;
  config: ProvinceConfig;
  authority: TokenAuthority;
  sync: SyncEngine;
  stop(): Promise<void>;
}

/**
 * Starts one province node: its own database (embedded unless DATABASE_URL),
 * migrations, the local API, and the sync loop. It starts and takes reports
 * whether or not the centre is reachable.
 */
export async function startProvince(
  env: Record<string, string | undefined> = process.env,
  logger?: LoggerService | LogLevel[] | false,
): Promise<RunningProvince> {
  const config = loadProvinceConfig(env);
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres(join(config.dataDir, 'pg'), 10);
  try {
    const secret = config.tokenSecret ?? loadOrCreateSecret(config.dataDir);
    const authority = provinceAuthority(config.provinceCode, secret);
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    await waitForDatabase(databaseUrl, { who: `province ${config.provinceCode}` });
    await migrateDatabase('province', databaseUrl);
    const app = await NestFactory.create<NestExpressApplication>(
      ProvinceAppModule.forRoot({
        provinceCode: config.provinceCode,
        databaseUrl,
        databasePoolSize: config.databasePoolSize,
        authority,
        central: new CentralClient(config.centralUrl, config.nodeToken),
        sync: { provinceCode: config.provinceCode, intervalMs: config.syncIntervalMs },
      }),
      { logger: logger ?? ['log', 'warn', 'error'], abortOnError: false, bodyParser: false },
    );
    app.useBodyParser('json', { limit: '256kb' });
    applyHttpTimeouts(app.getHttpServer(), config);
    // listen() starts the sync loop before it binds: a node that cannot bind stops it again
    await app.listen(config.port).catch(async (e: unknown) => {
      await app.close().catch(() => undefined);
      throw e;
    });
    const address = app.getHttpServer().address() as { port: number };
    new Logger('Province').log(
      `province ${config.provinceCode} node listening on port ${address.port}, centre ${config.centralUrl}`,
    );
    return {
      app,
      url: `http://localhost:${address.port}`,
      config,
      authority,
      sync: app.get(SyncEngine),
      async stop() {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}
