import { centralSql, Queryable } from '@tracker/persistence';
import { sql } from 'kysely';
import { decodeCursor, encodeCursor } from './cursor';
import { keysetPage, mapPage, SortKey } from './keyset-page';

interface Row {
  seq: number;
  id: string;
}

/** Records each statement and answers from `answers`, in order. */
function fakeDb(
  ...answers: unknown[][]
): Queryable & { seen: { sql: string; params: unknown[] }[] } {
  const seen: { sql: string; params: unknown[] }[] = [];
  return {
    seen,
    query(text: string, params: unknown[] = []) {
      seen.push({ sql: text, params });
      return Promise.resolve(answers.shift() ?? []);
    },
  };
}

const query = centralSql
  .selectFrom('milestone_update')
  .select(['seq', 'id'])
  .where('milestone_id', '=', 'm-1');
const KEY: SortKey<Row> = {
  direction: 'desc',
  columns: [
    { by: sql`seq`, cast: 'int', of: (r) => r.seq },
    { by: sql`id`, cast: 'uuid', of: (r) => r.id },
  ],
};
const rowsOf = (...seqs: number[]) => seqs.map((seq) => ({ seq, id: `id-${seq}` }));

describe('keysetPage', () => {
  it('reads the first page with one row more and a window count, in key order', async () => {
    const db = fakeDb(rowsOf(9, 8, 7).map((r) => ({ ...r, __totalCount: 5 })));
    const page = await keysetPage(db, query, KEY, 2, undefined);

    expect(db.seen).toHaveLength(1);
    expect(db.seen[0].sql).toMatch(/\(count\(\*\) OVER \(\)\)::int as "__totalCount"/);
    expect(db.seen[0].sql).toMatch(/order by seq desc, id desc limit \$2$/);
    expect(db.seen[0].params).toEqual(['m-1', 3]);
    expect(page.totalCount).toBe(5);
    expect(page.edges.map((e) => e.node)).toEqual(rowsOf(9, 8));
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([8, 'id-8']) });
    expect(decodeCursor(page.edges[0].cursor, 2)).toEqual([9, 'id-9']);
  });

  it('reads a later page after the cursor (a row comparison, cast per column) and counts beside it', async () => {
    const db = fakeDb(rowsOf(7, 6), [{ n: 5 }]);
    const page = await keysetPage(db, query, KEY, 2, encodeCursor([8, 'id-8']));

    const [pageSql, countSql] = db.seen;
    expect(pageSql.sql).toMatch(
      /and \(seq, id\) < \(\$2::int, \$3::uuid\) order by seq desc, id desc/,
    );
    expect(pageSql.params).toEqual(['m-1', 8, 'id-8', 3]);
    expect(countSql.sql).toBe(
      'select count(*)::int as "n" from "milestone_update" where "milestone_id" = $1',
    );
    expect(page).toEqual({
      edges: rowsOf(7, 6).map((node) => ({ cursor: encodeCursor([node.seq, node.id]), node })),
      pageInfo: { hasNextPage: false, endCursor: encodeCursor([6, 'id-6']) },
      totalCount: 5,
    });
  });

  it('takes a given total instead of counting, on the first page and on a later one', async () => {
    const kept = sql<number>`(select sum(live) from escalation_count)`;
    const first = fakeDb(rowsOf(9, 8, 7).map((r) => ({ ...r, __totalCount: 40 })));
    const page = await keysetPage(first, query, KEY, 2, undefined, kept);
    expect(first.seen[0].sql).toMatch(
      /\(\(select sum\(live\) from escalation_count\)\)::int as "__totalCount"/,
    );
    expect(first.seen[0].sql).not.toMatch(/OVER/);
    expect(page.totalCount).toBe(40);

    const later = fakeDb(rowsOf(7, 6), [{ n: 40 }]);
    const next = await keysetPage(later, query, KEY, 2, encodeCursor([8, 'id-8']), kept);
    expect(later.seen[1].sql).toBe('SELECT ((select sum(live) from escalation_count))::int AS n');
    expect(next.totalCount).toBe(40);
  });

  it('compares upwards for an ascending key', async () => {
    const db = fakeDb([], [{ n: 0 }]);
    await keysetPage(db, query, { ...KEY, direction: 'asc' }, 2, encodeCursor([8, 'id-8']));
    expect(db.seen[0].sql).toMatch(
      /\(seq, id\) > \(\$2::int, \$3::uuid\) order by seq asc, id asc/,
    );
  });

  it('answers an empty first page with no cursor and a count of 0', async () => {
    const page = await keysetPage(fakeDb([]), query, KEY, 2, undefined);
    expect(page).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 0,
    });
  });

  it('refuses a cursor of another arity before any SQL runs', async () => {
    const db = fakeDb();
    await expect(keysetPage(db, query, KEY, 2, encodeCursor([8]))).rejects.toThrow(
      /not a cursor this API issued/,
    );
    expect(db.seen).toEqual([]);
  });

  it('maps nodes and keeps the cursors', async () => {
    const page = await keysetPage(
      fakeDb(rowsOf(9).map((r) => ({ ...r, __totalCount: 1 }))),
      query,
      KEY,
      2,
      undefined,
    );
    expect(mapPage(page, (r) => r.seq * 2).edges).toEqual([
      { cursor: encodeCursor([9, 'id-9']), node: 18 },
    ]);
  });
});
