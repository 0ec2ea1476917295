import { renderTypes } from './db-types';

const col = (column: string, udt: string, nullable = false, generated = false) => ({
  table: 'thing',
  column,
  udt,
  nullable,
  generated,
});

describe('renderTypes', () => {
  it('types each column as pg returns it with installPgTypeParsers', () => {
    const text = renderTypes('central', [
      col('id', 'int8', false, true),
      col('due', 'date', true),
      col('at', 'timestamptz'),
      col('tags', '_text', false, true),
      col('detail', 'jsonb', true),
      col('amount', 'numeric'),
      col('ok', 'bool'),
    ]);
    expect(text).toContain(`import type { Generated, Json, Timestamp } from './column-types';`);
    expect(text).toContain(`export interface ThingTable {
  id: Generated<number>;
  due: string | null;
  at: Timestamp;
  tags: Generated<string[]>;
  detail: Json | null;
  amount: string;
  ok: boolean;
}`);
    expect(text).toContain(`export interface CentralDb {\n  thing: ThingTable;\n}`);
  });

  it('refuses a type it has no mapping for, rather than guess', () => {
    expect(() => renderTypes('province', [col('where', 'point')])).toThrow(
      /no TypeScript type for point \(thing.where\)/,
    );
  });
});
