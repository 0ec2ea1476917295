// npm run provinces -- --count 63 --central http://localhost:3000 [--rate 2]
//   [--base-port 3101] [--data-dir ./data] [--database-url postgres://…] [--pool-size 1]
//   [--database-prefix nsdb_province_]
//   [--central-data-dir ./data/central]
// Runs several province nodes in one process, each with its own database, for
// demos and load: against the demo, their PROVINCE_NODE tokens are minted with
// the demo's key. --rate N makes the offices report simulated progress, N reports
// a second in all.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { centralAuthority, signToken } from '@tracker/auth';
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { MilestoneStatus, Role } from '@tracker/domain';
import { ensureDatabase, readProvinces2019, waitForDatabase } from '@tracker/persistence';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guardProcess } from '@tracker/api';
import { RunningProvince } from '../bootstrap';
import { LocalStoreRepository } from '../local/local-store.repository';
import { ReportService } from '../office/report.service';
import { budgetProblem, serverConnections } from './connection-budget';
import { NodeFleet } from './node-fleet';

/** Each embedded node holds a PostgreSQL of its own in memory: about 200 MB. */
const EMBEDDED_NODE_MB = 220;

interface Options {
  count: number;
  central: string;
  rate: number;
  basePort: number;
  dataDir: string;
  databaseUrl?: string;
  /** Node databases on the server are named this and the province code. */
  databasePrefix: string;
  /** Connections each node's pool may hold. */
  poolSize: number;
  centralDataDir: string;
}

const CLI = {
  name: 'provinces',
  summary:
    'runs several province nodes in one process, syncing with the centre, for demos and load',
  usage: ['npm run provinces -- [--count 3] [--rate 0] [--central URL] [options below]'],
  options: {
    count: {
      type: 'string',
      value: 'N',
      default: '3',
      description: 'how many nodes, 1 to 63 (provinces in GSO order)',
    },
    central: {
      type: 'string',
      value: 'URL',
      default: 'http://localhost:3000',
      description: "the central app's base URL",
    },
    rate: {
      type: 'string',
      value: 'N',
      default: '0',
      description: 'simulated reports a second, all nodes together, 0 to 1000',
    },
    'base-port': {
      type: 'string',
      value: 'PORT',
      default: '3101',
      description: "the first node's port; the others follow",
    },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      default: './data',
      description: 'where the embedded databases go, one folder a node',
    },
    'database-url': {
      type: 'string',
      value: 'URL',
      description: 'a PostgreSQL server instead: one database <prefix><code> a node',
    },
    'database-prefix': {
      type: 'string',
      value: 'NAME',
      default: 'nsdb_province_',
      description: "the node databases' names on the server, before the province code",
    },
    'pool-size': {
      type: 'string',
      value: 'N',
      description:
        'connections each node may hold, 1 to 50 (1 on a server, where they share its max_connections; else 4)',
    },
    'central-data-dir': {
      type: 'string',
      value: 'DIR',
      default: './data/central',
      description: "the demo's folder, whose key signs the nodes' tokens (unless TOKEN_SECRET)",
    },
  },
} satisfies CliSpec;

function options(argv: string[]): Options {
  const { values } = cliArgs(CLI, argv);
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 63)
    exitUsage(CLI.name, '--count is 1 to 63');
  const rate = Number(values.rate);
  if (!(rate >= 0 && rate <= 1000)) exitUsage(CLI.name, '--rate is 0 to 1000 reports a second');
  const basePort = Number(values['base-port']);
  if (!Number.isInteger(basePort) || basePort < 1 || basePort + count - 1 > 65535)
    exitUsage(CLI.name, '--base-port is a port, with room for --count ports after it');
  // On a server the nodes share its max_connections with the centre: one each by default.
  const poolSize = Number(values['pool-size'] ?? (values['database-url'] ? 1 : 4));
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 50)
    exitUsage(CLI.name, '--pool-size is 1 to 50 connections a node');
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(values['database-prefix']!))
    exitUsage(CLI.name, '--database-prefix is lower-case letters, digits and _ (a database name)');
  return {
    count,
    poolSize,
    databasePrefix: values['database-prefix']!,
    central: values.central!.replace(/\/+$/, ''),
    rate,
    basePort,
    dataDir: values['data-dir']!,
    databaseUrl: values['database-url'],
    centralDataDir: values['central-data-dir']!,
  };
}

/** The centre's key: TOKEN_SECRET, or the demo's generated key. Never created here. */
function centralSecret(dir: string): string {
  if (process.env.TOKEN_SECRET) return process.env.TOKEN_SECRET;
  const path = join(dir, 'token-secret');
  if (!existsSync(path)) {
    throw new Error(
      `no ${path}: start the demo first (npm start), or set TOKEN_SECRET to the centre's key`,
    );
  }
  return readFileSync(path, 'utf8').trim();
}

/** A database per node on a server: <prefix><code> (nsdb_province_01), created if missing. */
function nodeDatabase(serverUrl: string, prefix: string, code: string): Promise<string> {
  return ensureDatabase(serverUrl, `${prefix}${code}`, 'nsdb-provinces-cli');
}

/** One simulated office: moves a random open milestone forward. */
async function simulateReport(node: RunningProvince): Promise<void> {
  const store = node.app.get(LocalStoreRepository);
  const open = (await store.milestones()).filter(
    (m) =>
      m.status !== MilestoneStatus.DONE && m.status !== MilestoneStatus.CANCELLED && !m.pendingSync,
  );
  if (open.length === 0) return;
  const m = open[Math.floor(Math.random() * open.length)];
  const percent = Math.min(100, m.percentComplete + 5 + Math.floor(Math.random() * 16));
  const blocked = Math.random() < 0.05;
  await node.app.get(ReportService).report(
    {
      programCode: m.programCode,
      key: m.key,
      status:
        percent === 100
          ? MilestoneStatus.DONE
          : blocked
            ? MilestoneStatus.BLOCKED
            : MilestoneStatus.IN_PROGRESS,
      percentComplete: percent,
      blocker: blocked ? 'Chờ bố trí kinh phí (mô phỏng)' : null,
      note: 'Báo cáo mô phỏng',
    },
    {
      sub: `simulator-${node.config.provinceCode}`,
      role: Role.PROVINCE_OFFICER,
      unit: node.config.provinceCode,
      jti: 'sim',
    },
  );
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  guardProcess();
  const log = new Logger('Provinces');
  const authority = centralAuthority(centralSecret(opts.centralDataDir));
  if (!opts.databaseUrl && opts.count > 8) {
    log.warn(
      `${opts.count} embedded databases need about ${(opts.count * EMBEDDED_NODE_MB) / 1000} GB of memory; --database-url puts them on a server`,
    );
  }
  if (opts.databaseUrl) {
    await waitForDatabase(opts.databaseUrl, { who: 'provinces' });
    const problem = budgetProblem(
      opts.count,
      opts.poolSize,
      await serverConnections(opts.databaseUrl),
    );
    if (problem) throw new Error(problem);
  }
  const provinces = readProvinces2019().slice(0, opts.count);
  const fleet = new NodeFleet(async (p, i) => ({
    PROVINCE_CODE: p.code,
    CENTRAL_URL: opts.central,
    NODE_TOKEN: signToken(
      authority,
      { role: Role.PROVINCE_NODE, unit: p.code, sub: `node-${p.code}` },
      '30d',
    ),
    PORT: String(opts.basePort + i),
    DATA_DIR: join(opts.dataDir, `province-${p.code}`),
    DATABASE_URL: opts.databaseUrl
      ? await nodeDatabase(opts.databaseUrl, opts.databasePrefix, p.code)
      : undefined,
    DATABASE_POOL_SIZE: String(opts.poolSize),
    SYNC_INTERVAL_MS: process.env.SYNC_INTERVAL_MS,
    HTTP_KEEP_ALIVE_TIMEOUT_MS: process.env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    HTTP_HEADERS_TIMEOUT_MS: process.env.HTTP_HEADERS_TIMEOUT_MS,
  }));
  const stopAll = async () => {
    await fleet.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());

  await fleet.startAll(provinces, (p, node) =>
    process.stdout.write(`${p.code} ${p.name.padEnd(20)} ${node.url}/graphql\n`),
  );
  process.stdout.write(
    `${fleet.running.length} of ${provinces.length} province node(s) syncing with ${opts.central}. Staff tokens: npm run token -- --role PROVINCE_OFFICER --unit <code> (DATA_DIR=${join(opts.dataDir, 'province-<code>')})\n`,
  );

  if (opts.rate > 0) {
    setInterval(() => {
      if (fleet.running.length === 0) return;
      const node = fleet.running[Math.floor(Math.random() * fleet.running.length)];
      simulateReport(node).catch((e: unknown) => log.warn(`simulated report failed: ${String(e)}`));
    }, 1000 / opts.rate);
  }
  fleet.summarise(10_000);
}

main().catch((e: unknown) => {
  process.stderr.write(`provinces: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
