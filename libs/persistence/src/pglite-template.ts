import type { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from './project-path';

/**
 * A new PGlite database runs initdb inside WebAssembly: ~9 s of CPU on this project's
 * 2-core machine, most of a first `npm start` and four times over at the start of
 * every test run. The first fresh cluster made here is kept as a tarball, per PGlite
 * version, in node_modules/.cache (so `npm ci` starts it again); later fresh databases
 * unpack it instead (~1 s). PGlite's own clone() works this way.
 */
function templatePath(): string {
  // pglite's exports do not include its package.json: found beside its entry point
  const pkg = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  return projectPath('node_modules', '.cache', 'nsdb-tracker', `pglite-${version}-initdb.tar`);
}

/** Whether `dataDir` (null: in memory) holds no database yet. */
export function isFreshCluster(dataDir: string | null): boolean {
  return !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
}

/** The kept fresh cluster, or undefined before one was made (or if it cannot be read). */
export function freshClusterTemplate(): Blob | undefined {
  try {
    const path = templatePath();
    return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `db`, just made by initdb and not yet written to, as the template. Written aside
 * and renamed, so a reader never sees half a file; when it cannot be written (a
 * read-only install) the next fresh database runs initdb again, nothing worse.
 */
export async function keepFreshClusterTemplate(db: PGlite): Promise<void> {
  let tmp: string | undefined;
  try {
    const path = templatePath();
    const dump = await db.dumpDataDir('none');
    mkdirSync(dirname(path), { recursive: true });
    tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, path);
  } catch {
    if (tmp) rmSync(tmp, { force: true });
  }
}
