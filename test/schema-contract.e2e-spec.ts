import { ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { buildCentralSchemaSdl } from '../apps/central/src/cli/schema-sdl';

const root = join(__dirname, '..');

describe('central GraphQL schema', () => {
  let generated: string;

  beforeAll(async () => {
    generated = await buildCentralSchemaSdl();
  });

  it('contains the contract (test/contract/central.graphql) without a breaking change', async () => {
    const contract = buildSchema(readFileSync(join(root, 'test/contract/central.graphql'), 'utf8'));
    const changes = await diff(contract, buildSchema(generated));
    const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
    expect(breaking.map((c) => c.message)).toEqual([]);
    // Additions are fine; nothing of the contract may disappear or change type.
    const removals = changes.filter(
      (c) => c.type.endsWith('_REMOVED') && c.type !== ChangeType.FieldDescriptionRemoved,
    );
    expect(removals.map((c) => c.message)).toEqual([]);
  });

  it('is committed as schema.gql exactly as the code generates it (npm run schema)', () => {
    expect(readFileSync(join(root, 'schema.gql'), 'utf8')).toBe(generated);
  });
});
