import { HttpTimeouts, httpTimeoutsFromEnv } from '@tracker/api';
import { MIN_SECRET_LENGTH } from '@tracker/auth';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Everything a province node reads from its environment (operations.md), validated once at start-up. */
export class ProvinceConfig extends HttpTimeouts {
  @Matches(/^\d{2}$/, {
    message: 'PROVINCE_CODE is the GSO code of the province, two digits (e.g. 01)',
  })
  provinceCode: string;

  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'CENTRAL_URL is the central app’s base URL' },
  )
  centralUrl: string;

  @IsString({
    message: 'NODE_TOKEN is required: the PROVINCE_NODE token the central app issued to this node',
  })
  @MinLength(20, {
    message: 'NODE_TOKEN is required: the PROVINCE_NODE token the central app issued to this node',
  })
  nodeToken: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 3100 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number;

  @IsOptional()
  @IsString()
  databaseUrl?: string;

  @IsString()
  dataDir: string;

  /**
   * Connections the node may hold on its database. One is enough for an office
   * (reports and sync rounds take turns); 63 nodes on one server must fit its
   * max_connections beside the centre's (npm run provinces sizes this).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 4 : Number(value)))
  @IsInt({ message: 'DATABASE_POOL_SIZE is a whole number of connections, 1 to 50' })
  @Min(1, { message: 'DATABASE_POOL_SIZE is a whole number of connections, 1 to 50' })
  @Max(50, { message: 'DATABASE_POOL_SIZE is a whole number of connections, 1 to 50' })
  databasePoolSize: number;

  /** Signs this node's own staff tokens; unset: generated once and kept in dataDir. */
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH, {
    message: `TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`,
  })
  tokenSecret?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  // Below this a node would hammer the centre; above an hour, staff would wait too long.
  @Min(50)
  @Max(3_600_000)
  syncIntervalMs: number;
}

export class ProvinceConfigError extends Error {}

export function loadProvinceConfig(env: Record<string, string | undefined>): ProvinceConfig {
  const code = env.PROVINCE_CODE ?? '';
  const config = plainToInstance(ProvinceConfig, {
    provinceCode: code,
    centralUrl: (env.CENTRAL_URL ?? '').replace(/\/+$/, ''),
    nodeToken: env.NODE_TOKEN ?? '',
    port: env.PORT,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || `./data/province-${code}`,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    tokenSecret: env.TOKEN_SECRET || undefined,
    syncIntervalMs: env.SYNC_INTERVAL_MS,
    ...httpTimeoutsFromEnv(env),
  });
  const errors = validateSync(config);
  if (errors.length > 0) {
    throw new ProvinceConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '),
    );
  }
  return config;
}
