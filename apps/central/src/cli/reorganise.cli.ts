// npm run reorganise -- --map provinces-2025|agencies-2025 --effective YYYY-MM-DD [--dry-run]
// Applies a shipped merger map through the same service (and rules) as the
// reorganiseUnits mutation, to DATABASE_URL or, unset, the demo's embedded database
// (stop the demo first: an embedded database has one user at a time). Prints what changed.
import 'reflect-metadata';
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { DomainError, isIsoDate, Role } from '@tracker/domain';
import { isMergerMapName, MERGER_MAPS, readMergerMap } from '@tracker/persistence';
import { startCentral } from '../bootstrap';
import { ReorganisationService } from '../reorganisation/reorganisation.service';
import { UnitsRepository } from '../units/units.repository';
import { describeReorganisation } from './describe-reorganisation';

const CLI = {
  name: 'reorganise',
  summary: 'applies a shipped merger map on a date (or, with --dry-run, says what it would do)',
  usage: [
    'npm run reorganise -- --map provinces-2025 --effective 2025-07-01 [--dry-run] [--note TEXT]',
  ],
  options: {
    map: {
      type: 'string',
      value: 'NAME',
      description: `the map: ${Object.keys(MERGER_MAPS).join(' or ')}`,
    },
    effective: { type: 'string', value: 'YYYY-MM-DD', description: 'the first day of the new map' },
    'dry-run': { type: 'boolean', description: 'say what would change; change nothing' },
    note: { type: 'string', value: 'TEXT', description: 'why, for the record' },
  },
} satisfies CliSpec;

async function main(): Promise<void> {
  const { values } = cliArgs(CLI);
  const name = values.map ?? '';
  if (!isMergerMapName(name))
    exitUsage(CLI.name, `--map is one of ${Object.keys(MERGER_MAPS).join(', ')}`);
  const effective = values.effective ?? '';
  if (!isIsoDate(effective)) exitUsage(CLI.name, '--effective is a date, YYYY-MM-DD');
  const map = readMergerMap(name, effective);
  const mode = process.env.DATABASE_URL ? 'production' : 'demo';
  const running = await startCentral(mode, { ...process.env, PORT: '0' }, ['warn', 'error']);
  try {
    const record = await running.app.get(ReorganisationService).reorganise(
      map,
      {
        dryRun: values['dry-run'] === true,
        note: values.note ?? `npm run reorganise -- --map ${name}`,
      },
      { sub: `cli:reorganise:${process.env.USER ?? 'operator'}`, role: Role.PMO, jti: 'cli' },
    );
    const ended = await running.app.get(UnitsRepository).findByIds(record.endedUnitIds);
    process.stdout.write(describeReorganisation(record, map, ended));
  } finally {
    await running.stop();
  }
}

main().catch((e: unknown) => {
  const message =
    e instanceof DomainError ? `${e.field ? `${e.field}: ` : ''}${e.message}` : String(e);
  process.stderr.write(`reorganise: ${message}\n`);
  process.exit(1);
});
