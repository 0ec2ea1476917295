// node scripts/build.mjs [--force]
// Compiles to dist/ only when the sources changed, and never lets a starting process see a
// half-written build.
//
// - Current or not: a SHA-256 of the compiler's inputs (the files tsconfig.build.json
//   includes, the tsconfigs, package-lock.json, this script) against the stamp the last
//   complete build wrote, dist/.build-stamp. Contents, not mtimes: a checkout or a touch
//   that changes nothing rebuilds nothing, and an edit is never missed for a clock's sake.
// - Atomic: each build goes to a folder of its own (dist-tmp-<pid>), tsc then tsc-alias,
//   the stamp last; the finished folder is renamed dist-<hash>-<time>, and dist is a
//   symbolic link that is replaced in one rename(2). dist is therefore always a whole tree.
//   A process already running keeps the tree it started from: Node resolves the link when
//   it loads the entry point, so its later (lazy) requires read that same tree, never a mix.
//   The last KEEP trees stay on disk for such processes; older ones are deleted.
// - Two at once: one builder at a time, by a lock file created with link(2), which fails
//   when the file exists (like O_EXCL, and the file never appears half-written). A second
//   builder waits, then finds the stamp current and builds nothing. A lock whose process
//   is dead (the builder was killed) is taken over. Should two builders ever run at once
//   all the same, each writes only its own folder: the cost is time, not a broken tree.
// - --force (npm run build, what CI runs) builds whatever the stamp says.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  linkSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, 'dist');
const LOCK = join(ROOT, 'dist.lock');
const STAMP = '.build-stamp';
/** Finished trees kept besides the current one, for processes started from them. */
const KEEP = 2;
const TSCONFIG = 'tsconfig.build.json';
/** A lock older than this is taken over whoever holds it: at worst two builds run at once. */
const MAX_BUILD_MS = 10 * 60_000;

const say = (line) => process.stderr.write(`build: ${line}\n`);

/** Every file tsc reads from the project, in a fixed order, hashed with its path. */
function inputsHash() {
  const { include } = JSON.parse(readFileSync(join(ROOT, TSCONFIG), 'utf8'));
  const files = [
    TSCONFIG,
    'tsconfig.json',
    'package-lock.json',
    relative(ROOT, fileURLToPath(import.meta.url)),
  ];
  for (const pattern of include) {
    // tsconfig.build.json's includes are all "<folder>/**/*.ts"; say so if that changes
    const m = /^([\w./-]+)\/\*\*\/\*(\.\w+)$/.exec(pattern);
    if (!m) throw new Error(`${TSCONFIG}: include "${pattern}" is not "<folder>/**/*.ext"`);
    files.push(...walk(m[1], m[2]));
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Files below `folder` ending in `ext`, as tsconfig.build.json's exclude leaves them. */
function walk(folder, ext) {
  const out = [];
  if (!existsSync(join(ROOT, folder))) return out;
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(path, ext));
    } else if (entry.name.endsWith(ext) && !entry.name.endsWith(`.spec${ext}`)) {
      out.push(path);
    }
  }
  return out;
}

function stampOf(tree) {
  try {
    return JSON.parse(readFileSync(join(tree, STAMP), 'utf8'));
  } catch {
    return null; // no tree, or one that never finished
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM'; // it exists, it is someone else's
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits for the lock; takes it over when its holder has died. Returns the release. */
async function lock() {
  const mine = `${LOCK}.${process.pid}`;
  writeFileSync(mine, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  let told = false;
  try {
    for (;;) {
      try {
        linkSync(mine, LOCK);
        return () => rmSync(LOCK, { force: true });
      } catch (e) {
        if (e.code !== 'EEXIST') throw e;
      }
      let holder;
      try {
        holder = JSON.parse(readFileSync(LOCK, 'utf8'));
      } catch {
        continue; // released meanwhile: try again
      }
      // a dead holder, or one older than any build (its pid since reused by another process)
      if (!alive(holder.pid) || Date.now() - Date.parse(holder.since) > MAX_BUILD_MS) {
        takeOver(holder.pid);
        continue;
      }
      if (!told) say(`waiting for the build of process ${holder.pid}`);
      told = true;
      await sleep(200);
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

/**
 * Removes a dead builder's lock. Renamed away first and read again, so that when another
 * waiter has taken it over and locked anew in between, the new, live lock is put back.
 */
function takeOver(deadPid) {
  const away = `${LOCK}.stale-${process.pid}`;
  try {
    renameSync(LOCK, away);
  } catch {
    return; // someone else took it over
  }
  const moved = JSON.parse(readFileSync(away, 'utf8'));
  if (moved.pid !== deadPid) {
    try {
      linkSync(away, LOCK);
    } catch {
      // a third lock exists already: two builds may run; each writes only its own folder
    }
  } else {
    say(`the build of process ${deadPid} died; taking over`);
  }
  rmSync(away, { force: true });
}

function bin(pkg, name) {
  const require = createRequire(join(ROOT, 'package.json'));
  const manifest = require(`${pkg}/package.json`);
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name];
  return join(dirname(require.resolve(`${pkg}/package.json`)), rel);
}

function run(args) {
  // tsc reports on stdout: sent to stderr, so that a CLI run after the build owns stdout
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0)
    throw new Error(`${relative(ROOT, args[0])} failed (exit ${r.status ?? r.signal})`);
}

/** tsc, then tsc-alias (it rewrites the @tracker/* imports tsc leaves), into a new folder. */
function compile(hash) {
  const tmp = `dist-tmp-${process.pid}`;
  rmSync(join(ROOT, tmp), { recursive: true, force: true });
  const started = Date.now();
  try {
    run([bin('typescript', 'tsc'), '-p', TSCONFIG, '--outDir', tmp]);
    run([bin('tsc-alias', 'tsc-alias'), '-p', TSCONFIG, '--outDir', tmp]);
    writeFileSync(
      join(ROOT, tmp, STAMP),
      `${JSON.stringify({ inputs: hash, builtAt: new Date().toISOString(), node: process.version })}\n`,
    );
  } catch (e) {
    rmSync(join(ROOT, tmp), { recursive: true, force: true });
    throw e;
  }
  const tree = `dist-${hash.slice(0, 12)}-${Date.now().toString(36)}`;
  renameSync(join(ROOT, tmp), join(ROOT, tree));
  say(`compiled into ${tree} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return tree;
}

/** Points dist at `tree` in one rename; a dist left as a plain folder is moved aside once. */
function publish(tree) {
  const link = join(ROOT, `dist.link-${process.pid}`);
  rmSync(link, { force: true });
  symlinkSync(tree, link, 'junction');
  let old = null;
  try {
    old = lstatSync(DIST);
  } catch {
    // first build
  }
  if (old && !old.isSymbolicLink()) renameSync(DIST, join(ROOT, `dist-legacy-${process.pid}`));
  renameSync(link, DIST);
}

/** Deletes what no process should start from any more: all but the newest KEEP old trees. */
function collect(current) {
  const trees = [];
  for (const name of readdirSync(ROOT)) {
    // what a killed builder left: its half-built folder, its lock's draft, its link
    const leftover = /^(?:dist-tmp-|dist\.lock\.|dist\.link-)(\d+)$/.exec(name);
    if (leftover) {
      if (!alive(Number(leftover[1]))) rmSync(join(ROOT, name), { recursive: true, force: true });
    } else if (/^dist-(?:[0-9a-f]{12}-[0-9a-z]+|legacy-\d+)$/.test(name) && name !== current) {
      trees.push({ name, time: statSync(join(ROOT, name)).mtimeMs });
    }
  }
  trees.sort((a, b) => b.time - a.time);
  for (const { name } of trees.slice(KEEP))
    rmSync(join(ROOT, name), { recursive: true, force: true });
}

/** A finished tree already built from these inputs (a branch switched back to, say). */
function keptTree(hash) {
  return readdirSync(ROOT).find(
    (name) =>
      name.startsWith(`dist-${hash.slice(0, 12)}-`) && stampOf(join(ROOT, name))?.inputs === hash,
  );
}

async function main() {
  const force = process.argv.includes('--force');
  let hash = inputsHash();
  if (!force && stampOf(DIST)?.inputs === hash) return;
  const release = await lock();
  try {
    hash = inputsHash(); // the sources may have changed while we waited
    if (!force && stampOf(DIST)?.inputs === hash) return; // the builder we waited for did it
    const kept = force ? undefined : keptTree(hash);
    if (kept) say(`sources as when ${kept} was built: using it`);
    const tree = kept ?? compile(hash);
    publish(tree);
    collect(tree);
  } finally {
    release();
  }
}

main().catch((e) => {
  say(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
