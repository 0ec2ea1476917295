import { Type } from '@nestjs/common';
import { ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchemaSdl } from '@tracker/api';
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * The generated schema keeps the contract (any change an addition) and is
 * committed as generated. One app per test file: code-first type metadata is
 * global to a module registry, so two apps' schemas in one file would mix types.
 */
export function describeSchemaContract(
  app: string,
  resolvers: Type<unknown>[],
  contractPath: string,
  committedPath: string,
): void {
  describe(`${app} GraphQL schema`, () => {
    let generated: string;

    beforeAll(async () => {
      generated = await buildSchemaSdl(resolvers);
    });

    it(`contains the contract (${contractPath}) without a breaking change`, async () => {
      const contract = buildSchema(readFileSync(join(root, contractPath), 'utf8'));
      const changes = await diff(contract, buildSchema(generated));
      const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
      expect(breaking.map((c) => c.message)).toEqual([]);
      // Additions are fine; nothing of the contract may disappear or change type.
      const removals = changes.filter(
        (c) => c.type.endsWith('_REMOVED') && c.type !== ChangeType.FieldDescriptionRemoved,
      );
      expect(removals.map((c) => c.message)).toEqual([]);
    });

    it(`is committed as ${committedPath} exactly as the code generates it (npm run schema)`, () => {
      expect(readFileSync(join(root, committedPath), 'utf8')).toBe(generated);
    });
  });
}
