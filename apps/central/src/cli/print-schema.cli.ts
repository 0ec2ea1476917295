// npm run schema — writes the generated GraphQL schema to schema.gql, so that a
// change to the API shows in review as a diff of the committed file.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { projectPath } from '@tracker/persistence';
import { buildCentralSchemaSdl } from './schema-sdl';

buildCentralSchemaSdl().then(
  (sdl) => {
    writeFileSync(projectPath('schema.gql'), sdl);
    process.stdout.write(`${projectPath('schema.gql')}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
