import { centralAuthority, signToken, TokenAuthority } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_NOW, BENCH_TODAY } from './dataset/scales';
import { freePort, ROOT, ServerProcess } from './processes';

export const PEER_SERVER = join(ROOT, 'bench', 'peer', 'server.js');

/** The V8 flags `npm run start:central` gives the central app: the bench measures it as run. */
export function productionNodeFlags(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const m = /node ((?:--\S+ )*)dist\/apps\/central\/src\/main\.js/.exec(scripts['start:central']);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}

/** The central app exactly as production runs it, with the bench's clock and secret. */
export class BenchCentral {
  readonly authority: TokenAuthority = centralAuthority(randomBytes(32).toString('hex'));
  readonly pmoToken = signToken(this.authority, { role: Role.PMO, sub: 'bench-pmo' }, '1d');

  constructor(
    private readonly databaseUrl: string,
    private readonly extraEnv: Record<string, string> = {},
    /** Node's own flags for the measured process, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
    private readonly nodeArgs: string[] = [],
    /** Another checkout's build to measure instead (e.g. before a change). */
    private readonly root: string = ROOT,
  ) {}

  /** `env` adds to this app's environment, e.g. RESPONSE_CACHE_MB=0 for a second, uncached one. */
  async start(env: Record<string, string> = {}): Promise<ServerProcess> {
    const port = await freePort();
    const server = new ServerProcess(
      'central',
      `http://127.0.0.1:${port}`,
      [
        ...productionNodeFlags(),
        ...this.nodeArgs,
        join(this.root, 'dist/apps/central/src/main.js'),
      ],
      {
        NODE_ENV: 'production',
        DATABASE_URL: this.databaseUrl,
        PORT: String(port),
        TOKEN_SECRET: this.authority.secret,
        CLOCK_NOW: BENCH_NOW,
        // the limiter still counts every request; the bench's callers are allowed many
        RATE_LIMIT_PER_MINUTE: '100000000',
        ...this.extraEnv,
        ...env,
      },
    );
    return server.ready('/health');
  }

  nodeToken(unitCode: string): string {
    return signToken(this.authority, { role: Role.PROVINCE_NODE, unit: unitCode }, '1d');
  }
}

/** PGlite serves every connection from one session: no named prepared statements there. */
export async function startFloor(databaseUrl: string, embedded: boolean): Promise<ServerProcess> {
  const port = await freePort();
  const server = new ServerProcess(
    'floor',
    `http://127.0.0.1:${port}`,
    [
      join(__dirname, 'floor', 'floor-server.js'),
      String(port),
      databaseUrl,
      BENCH_TODAY,
      embedded ? 'unnamed' : 'named',
    ],
    {},
  );
  return server.ready('/health');
}

/** PostGraphile 4, when its package is installed (npm ci --prefix bench/peer). */
export async function startPeer(
  databaseUrl: string,
  embedded: boolean,
): Promise<ServerProcess | null> {
  if (!existsSync(join(ROOT, 'bench', 'peer', 'node_modules', 'postgraphile'))) return null;
  const port = await freePort();
  const server = new ServerProcess(
    'peer',
    `http://127.0.0.1:${port}`,
    [PEER_SERVER, '--database-url', databaseUrl, '--port', String(port)],
    embedded
      ? { NODE_ENV: 'production', POSTGRAPHILE_PREPARED_STATEMENT_CACHE_SIZE: '0' }
      : { NODE_ENV: 'production' },
  );
  return server.ready('/health');
}
