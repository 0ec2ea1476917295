// npm run migration:generate -- <Name> [province]
// Writes migrations/[province/]<epoch>-<Name>.ts with what the entities need beyond the
// current migrations. The file is a draft: read it, correct it, register it in
// migrations/index.ts.
import { CliSpec, cliArgs, exitUsage } from '@tracker/cli';
import { writeFileSync } from 'node:fs';
import { projectPath } from '../project-path';
import { pendingSchemaChanges, schemaArg, withMigratedDatabase } from './with-database';

const CLI = {
  name: 'migration:generate',
  summary:
    'drafts migrations/[province/]<epoch>-<Name>.ts with what the entities need beyond the migrations',
  usage: ['npm run migration:generate -- <Name> [central|province]'],
  positionals: true,
  options: {},
} satisfies CliSpec;

async function main(): Promise<void> {
  const [name, ...rest] = cliArgs(CLI).positionals;
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    exitUsage(CLI.name, `the migration's name is one PascalCase word: ${name ?? 'missing'}`);
  const schema = schemaArg(CLI.name, rest);
  const { up, down } = await withMigratedDatabase(schema, pendingSchemaChanges);
  if (up.length === 0) {
    process.stdout.write('no schema change: nothing to generate\n');
    return;
  }
  const epoch = Date.now();
  const className = `${name}${epoch}`;
  // Template literals keep the SQL readable for the review every migration gets.
  const lines = (qs: string[]) =>
    qs
      .map(
        (q) =>
          `    await q.query(\`${q.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${')}\`);`,
      )
      .join('\n');
  const file = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(q: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(q: QueryRunner): Promise<void> {
${lines(down.reverse())}
  }
}
`;
  const folder = schema === 'province' ? ['migrations', 'province'] : ['migrations'];
  const path = projectPath(...folder, `${epoch}-${name}.ts`);
  writeFileSync(path, file);
  process.stdout.write(`${path}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
