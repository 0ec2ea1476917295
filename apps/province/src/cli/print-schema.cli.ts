// Part of npm run schema: writes the node's generated schema to schema.province.gql.
import 'reflect-metadata';
import { buildSchemaSdl } from '@tracker/api';
import { projectPath } from '@tracker/persistence';
import { writeFileSync } from 'node:fs';
import { PROVINCE_RESOLVERS } from '../province-resolvers';

buildSchemaSdl(PROVINCE_RESOLVERS).then(
  (sdl) => {
    writeFileSync(projectPath('schema.province.gql'), sdl);
    process.stdout.write(`${projectPath('schema.province.gql')}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
