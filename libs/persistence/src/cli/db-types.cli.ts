// npm run db:types [-- --check] [-- central|province]
// Writes libs/persistence/src/schema/<schema>-db.ts, the Kysely types of the schema the
// migrations produce (read back from information_schema after migrating a fresh database);
// --check writes nothing and fails when the committed file differs.
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { readFileSync, writeFileSync } from 'node:fs';
import { Schema } from '../data-source';
import { projectPath } from '../project-path';
import { introspect, renderTypes } from './db-types';
import { schemaArg, withMigratedDatabase } from './with-database';

const CLI = {
  name: 'db:types',
  summary:
    'writes (or with --check compares) the Kysely types of the migrated schema, on DATABASE_URL or an in-memory embedded database',
  usage: ['npm run db:types [-- --check] [-- central|province]'],
  positionals: true,
  options: {
    check: {
      type: 'boolean',
      default: false,
      description: 'write nothing; exit 1 when the committed file differs from the migrations',
    },
  },
} satisfies CliSpec;

export function typesPath(schema: Schema): string {
  return projectPath('libs', 'persistence', 'src', 'schema', `${schema}-db.ts`);
}

async function main(): Promise<void> {
  const { values, positionals } = cliArgs(CLI);
  if (positionals.length === 0 && process.env.DATABASE_URL)
    exitUsage(CLI.name, 'with DATABASE_URL, name the one schema its database is for');
  const schemas: Schema[] =
    positionals.length === 0 ? ['central', 'province'] : [schemaArg(CLI.name, positionals)];
  let stale = 0;
  for (const schema of schemas) {
    const text = renderTypes(schema, await withMigratedDatabase(schema, introspect));
    const path = typesPath(schema);
    if (!values.check) {
      writeFileSync(path, text);
      process.stdout.write(`${path}\n`);
      continue;
    }
    let committed = '';
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      // missing: stale
    }
    if (committed === text) {
      process.stdout.write(`db types (${schema}): ${path} matches the migrations\n`);
    } else {
      stale += 1;
      process.stderr.write(
        `db types (${schema}): ${path} differs from what the migrations produce: run npm run db:types\n`,
      );
    }
  }
  if (stale > 0) process.exit(1);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
