import { centralAuthority } from '@tracker/auth';
import { INestApplication, Logger, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadOrCreateSecret, TokenAuthority } from '@tracker/auth';
import { applyHttpTimeouts, JsonLogger, requestIdMiddleware } from '@tracker/api';
import {
  countStatements,
  loadReferenceUnits,
  migrateDatabase,
  projectPath,
  startEmbeddedPostgres,
  waitForDatabase,
} from '@tracker/persistence';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CentralAppModule } from './app.module';
import { Clock } from './platform/clock/clock';
import type { EmbeddedDatabaseThread } from './platform/database/embedded-database-thread';
import { loadCentralConfig, RunMode } from './platform/config/central-config';
import { DEMO_IDENTITY_TTL, demoIdentities } from './demo/demo-identities';
import { securityHeaders } from './platform/web/security-headers';
import { loadDemo } from './demo/load-demo';
import { IndicatorsService } from './indicators/indicators.service';
import { ResponseCache } from './platform/response-cache/response-cache';
import { responseCacheMiddleware } from './platform/response-cache/response-cache.middleware';
import { AuditRepository } from './audit/audit.repository';
import { ChangeBus } from './platform/changes/change-bus';
import { RevocationList } from './tokens/revocation-list';
import { MaintainedDay } from './platform/rollups/maintained-day';
import { rateLimiter } from './platform/rate-limit/rate-limiter';
import { RateCounter } from './platform/rate-limit/rate-counter';
import { PgRateStore } from './platform/rate-limit/pg-rate-store';
import { EscalationEngine } from './escalations/escalation-engine';
import { ProgramsService } from './programs/programs.service';
import { ReorganisationService } from './reorganisation/reorganisation.service';

/** Largest request body accepted. */
const MAX_BODY = '2mb';

export interface RunningCentral {
  app: INestApplication;
  url: string;
  authority: TokenAuthority;
  clock: Clock;
  stop(): Promise<void>;
}

/**
 * Starts the central app: database (embedded unless DATABASE_URL), migrations
 * under a lock, reference units into an empty database, the demo data in demo
 * mode, then HTTP. Nothing listens before the schema is current.
 */
export async function startCentral(
  mode: RunMode,
  env: Record<string, string | undefined> = process.env,
  logger?: LoggerService | LogLevel[] | false,
  /** The embedded database, already starting in a worker thread (launch.ts). */
  early?: Promise<EmbeddedDatabaseThread>,
): Promise<RunningCentral> {
  const config = loadCentralConfig(mode, env);
  const log = new Logger('Central');
  countStatements();
  const embedded = config.databaseUrl
    ? null
    : await (early ?? startEmbeddedPostgres(join(config.dataDir, 'pg')));
  try {
    const secret = config.tokenSecret ?? loadOrCreateSecret(config.dataDir);
    const clock = config.clockNow ? Clock.fixedAt(config.clockNow) : Clock.real();
    const authority = { ...centralAuthority(secret), previousSecrets: config.previousTokenSecrets };
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    await waitForDatabase(databaseUrl, { who: 'central' });
    const applied = await migrateDatabase('central', databaseUrl);
    if (applied.length > 0) log.log(`migrations applied: ${applied.join(', ')}`);
    const app = await NestFactory.create<NestExpressApplication>(
      CentralAppModule.forRoot({
        config,
        databaseUrl,
        authority,
        clock,
      }),
      {
        // Production logs are JSON lines with the request id; the demo's stay readable.
        logger: logger ?? (mode === 'production' ? new JsonLogger() : ['log', 'warn', 'error']),
        abortOnError: false,
        bodyParser: false,
      },
    );
    // A full batch of 500 updates with long notes stays under this; anything larger is refused (413).
    app.useBodyParser('json', { limit: MAX_BODY });
    app.use(requestIdMiddleware);
    app.use(securityHeaders());
    const rateCounter = new RateCounter(new PgRateStore(app.get(DataSource)));
    app.use(
      '/graphql',
      rateLimiter(rateCounter, {
        perToken: config.rateLimitPerToken,
        perAddress: config.rateLimitPerAddress,
      }),
    );
    app.use(
      '/graphql',
      responseCacheMiddleware(
        app.get(ResponseCache),
        clock,
        app.get(RevocationList),
        app.get(ChangeBus),
      ),
    );
    if (config.corsOrigins.length > 0)
      app.enableCors({ origin: config.corsOrigins, credentials: false });
    // The leadership views: static files that read the GraphQL API with the user's token.
    app.useStaticAssets(projectPath('apps', 'central', 'web'), { index: 'index.html' });
    app.useStaticAssets(projectPath('node_modules', 'exceljs', 'dist'), {
      prefix: '/vendor/exceljs',
    });
    // Chart.js's UMD build (window.Chart): its ES module build imports a bare package name.
    app.useStaticAssets(projectPath('node_modules', 'chart.js', 'dist'), {
      prefix: '/vendor/chart.js',
    });
    // ES modules that import their own files relatively; static serving stays inside each folder.
    app.useStaticAssets(projectPath('node_modules', 'lit-html'), { prefix: '/vendor/lit-html' });
    app.useStaticAssets(projectPath('node_modules', 'graphql-ws', 'dist'), {
      prefix: '/vendor/graphql-ws',
    });
    const identities = mode === 'demo' ? demoIdentities(authority) : [];
    if (identities.length > 0) {
      app
        .getHttpAdapter()
        .get('/demo/identities', (_req, res) => app.getHttpAdapter().reply(res, identities, 200));
    }
    await app.init();
    const db = app.get(DataSource);
    const units = await loadReferenceUnits(db.manager);
    if (units > 0) log.log(`reference units loaded: ${units}`);
    if (mode === 'demo') {
      await loadDemo(
        db,
        {
          programs: app.get(ProgramsService),
          indicators: app.get(IndicatorsService),
          reorganisation: app.get(ReorganisationService),
        },
        config.demoAt,
      );
      await app.get(AuditRepository).append(
        db.manager,
        { sub: 'system', role: 'SYSTEM' },
        {
          action: 'token.mint',
          subject: 'demo identities',
          detail: {
            seats: identities.map((i) => i.label),
            ttl: DEMO_IDENTITY_TTL,
          },
        },
      );
    }
    await app.get(RevocationList).start();
    await app.get(ChangeBus).start();
    await app.get(MaintainedDay).start();
    await app.get(EscalationEngine).start();
    // Idle keep-alive connections outlast a load balancer's (Node's own default is 5 s).
    applyHttpTimeouts(app.getHttpServer(), config);
    await app.listen(config.port);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://localhost:${address.port}`;
    return {
      app,
      url,
      authority,
      clock,
      async stop() {
        await rateCounter.close(); // counts still unwritten, while the database is open
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}

/** Closes the app cleanly on SIGINT/SIGTERM so the embedded database is flushed. */
export function stopOnSignals(running: RunningCentral): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('Central').log(`${signal}: shutting down`);
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
