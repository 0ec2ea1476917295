// Part of npm run schema: writes the node's generated schema to schema.province.gql, and the
// types of its questions to the central app (after the central schema.gql is written).
import 'reflect-metadata';
import { buildSchemaSdl } from '@tracker/api';
import { projectPath } from '@tracker/persistence';
import { writeFileSync } from 'node:fs';
import { PROVINCE_RESOLVERS } from '../province-resolvers';
import { CENTRAL_API_TYPES, centralApiTypes } from './central-api-types';

async function main(): Promise<void> {
  writeFileSync(projectPath('schema.province.gql'), await buildSchemaSdl(PROVINCE_RESOLVERS));
  process.stdout.write(`${projectPath('schema.province.gql')}\n`);
  writeFileSync(CENTRAL_API_TYPES, await centralApiTypes());
  process.stdout.write(`${CENTRAL_API_TYPES}\n`);
}

main().then(
  () => undefined,
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
