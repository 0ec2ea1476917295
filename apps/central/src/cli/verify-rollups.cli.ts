// npm run verify-rollups
// Checks the maintained roll-ups (each milestone's health, each program and unit's
// sums) against the same rules computed from scratch, on DATABASE_URL or, unset,
// the demo's embedded database (stop the demo first: an embedded database has one
// user at a time). Exit 0 when they agree, 1 with every difference listed.
import 'reflect-metadata';
import { CliSpec, cliArgs } from '@tracker/cli';
import { createDataSource, startEmbeddedPostgres } from '@tracker/persistence';
import { join } from 'node:path';
import { centralDataDir } from '../platform/config/data-dir';
import { verifyMaintained } from './verify-maintained';

const CLI = {
  name: 'verify-rollups',
  summary: 'checks the maintained roll-ups against the same rules computed from scratch',
  usage: ['npm run verify-rollups'],
  options: {},
} satisfies CliSpec;

async function main(): Promise<number> {
  cliArgs(CLI);
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres(join(centralDataDir(process.env), 'pg'));
  const db = createDataSource('central', { url: process.env.DATABASE_URL ?? embedded!.url });
  await db.initialize();
  try {
    const verdict = await verifyMaintained(db);
    const out = process.stdout;
    for (const m of verdict.mismatches)
      out.write(`${m.where}: maintained ${m.maintained}, computed ${m.computed}\n`);
    const held =
      verdict.day === null
        ? 'the roll-ups hold no day yet (the central app sets it on start), escalation counts only'
        : `${verdict.day}: ${verdict.milestones} milestones, ${verdict.cells} cells`;
    const found =
      verdict.mismatches.length === 0
        ? 'maintained equals recomputed'
        : `${verdict.mismatches.length} differ`;
    out.write(`verify-rollups: ${held}, ${found}\n`);
    return verdict.mismatches.length === 0 ? 0 : 1;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`verify-rollups: ${String(e)}\n`);
    process.exit(1);
  },
);
