// npm run migration:check [-- province] — fails when the entities and the migrations
// disagree: after every migration has run, TypeORM must find nothing left to change.
import { CliSpec, cliArgs } from '@tracker/cli';
import { pendingSchemaChanges, schemaArg, withMigratedDatabase } from './with-database';

const CLI = {
  name: 'migration:check',
  summary:
    'fails (exit 1) when the entities need a change no migration makes, on DATABASE_URL or an in-memory embedded database',
  usage: ['npm run migration:check [-- central|province]'],
  positionals: true,
  options: {},
} satisfies CliSpec;

async function main(): Promise<void> {
  const schema = schemaArg(CLI.name, cliArgs(CLI).positionals);
  const { up } = await withMigratedDatabase(schema, pendingSchemaChanges);
  if (up.length > 0) {
    process.stderr.write(
      `migration drift (${schema}): the entities need ${up.length} statement(s) no migration has:\n`,
    );
    for (const q of up) process.stderr.write(`  ${q}\n`);
    process.exit(1);
  }
  process.stdout.write(`no migration drift (${schema}): entities and migrations agree\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
