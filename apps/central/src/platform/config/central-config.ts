import { HttpTimeouts, httpTimeoutsFromEnv } from '@tracker/api';
import { MIN_SECRET_LENGTH } from '@tracker/auth';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { centralDataDir } from './data-dir';

export type RunMode = 'demo' | 'production';

/**
 * Everything the central app reads from its environment, validated once at
 * start-up (operations.md). Nothing else in the app reads process.env.
 */
export class CentralConfig extends HttpTimeouts {
  @IsIn(['demo', 'production'])
  mode: RunMode;

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number;

  /** A PostgreSQL server; unset: embedded PGlite under dataDir. */
  @IsOptional()
  @IsString()
  databaseUrl?: string;

  @IsString()
  dataDir: string;

  /** Unset in the demo: generated once and kept in dataDir. Unset in production: refuse to start. */
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH, {
    message: `TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`,
  })
  tokenSecret?: string;

  /** Keys being rolled out: tokens they signed still verify. */
  @IsString({ each: true })
  previousTokenSecrets: string[];

  /**
   * How often every instance reloads the revoked token ids anyway. A revocation reaches
   * every instance at once through the change bus; this bounds what a lost notification costs.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 300_000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  revocationRefreshMs: number;

  @Transform(({ value }) => (value === undefined || value === '' ? 600 : Number(value)))
  @IsInt()
  @Min(1)
  rateLimitPerToken: number;

  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(1)
  rateLimitPerAddress: number;

  /** Memory for whole answers of repeated read queries (MB); 0 turns the cache off. */
  @Transform(({ value }) => (value === undefined || value === '' ? 32 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1024)
  responseCacheMb: number;

  /** Browser origins allowed to call the API from elsewhere; none: same origin only. */
  @IsString({ each: true })
  corsOrigins: string[];

  /** Fixes the central clock (ISO-8601); unset: the real clock. */
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'CLOCK_NOW must be an ISO-8601 instant, e.g. 2020-03-01T00:00:00Z' },
  )
  clockNow?: string;

  /** The demo's history runs to this day (`npm start -- --at`); unset: 1 March 2020. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'DEMO_AT is a date, YYYY-MM-DD' })
  demoAt?: string;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

/** 'a, b,,c' → ['a', 'b', 'c']; unset → []. */
function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function loadCentralConfig(mode: RunMode, env: Env = process.env): CentralConfig {
  const config = plainToInstance(CentralConfig, {
    mode,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: centralDataDir(env),
    tokenSecret: env.TOKEN_SECRET || undefined,
    previousTokenSecrets: commaList(env.TOKEN_SECRET_PREVIOUS),
    revocationRefreshMs: env.REVOCATION_REFRESH_MS,
    rateLimitPerToken: env.RATE_LIMIT_PER_MINUTE,
    rateLimitPerAddress: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    responseCacheMb: env.RESPONSE_CACHE_MB,
    corsOrigins: commaList(env.CORS_ORIGINS),
    clockNow: env.CLOCK_NOW || (mode === 'demo' ? '2020-03-01T00:00:00Z' : undefined),
    demoAt: (mode === 'demo' && env.DEMO_AT) || undefined,
    ...httpTimeoutsFromEnv(env),
  });
  const errors = validateSync(config);
  if (errors.length > 0) {
    throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  }
  if (mode === 'production' && !config.tokenSecret) {
    throw new ConfigError(
      'TOKEN_SECRET is required in production: a generated key would not be shared by other instances',
    );
  }
  return config;
}
