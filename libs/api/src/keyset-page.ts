import { Queryable, rows } from '@tracker/persistence';
import { Expression, RawBuilder, SelectQueryBuilder, sql } from 'kysely';
import { decodeCursor, encodeCursor } from './cursor';

/** One column of a sort key: how SQL sorts by it, how a cursor's value is cast, its value in a row. */
export interface KeyColumn<O> {
  /** The expression the ORDER BY sorts by (with its COLLATE, if any). */
  by: Expression<unknown> | RawBuilder<unknown>;
  /** The SQL type a cursor's value is cast to in the row comparison. */
  cast: 'int' | 'bigint' | 'text' | 'uuid';
  of(row: O): string | number;
}

/** A sort key, most significant column first, every column in the same direction. */
export interface SortKey<O> {
  direction: 'asc' | 'desc';
  columns: KeyColumn<O>[];
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * One page of `query` (filtered, not yet ordered nor limited) in `key` order, after
 * the row the cursor `after` names: the one keyset pager of the API. It reads one row
 * more than asked for (that row says a next page exists); the first page counts in
 * the same pass (a window count), a later page counts the filtered rows beside it.
 * `total`, when given, is the count as one SQL expression (a maintained count the
 * caller knows equals the filtered rows'): the page then reads only its own rows,
 * which an index in key order finds without visiting the others.
 * Cursors are the key's values (cursor.ts), so a page never shifts under inserts.
 */
export async function keysetPage<DB, TB extends keyof DB, O>(
  db: Queryable,
  query: SelectQueryBuilder<DB, TB, O>,
  key: SortKey<O>,
  first: number,
  after: string | undefined,
  total?: Expression<number>,
): Promise<Page<O>> {
  const ordered = key.columns.reduce((q, c) => q.orderBy(c.by, key.direction), query);
  let found: O[];
  let totalCount: number;
  if (!after) {
    const counted = await rows(
      db,
      ordered
        .select(sql<number>`(${total ?? sql`count(*) OVER ()`})::int`.as('__totalCount'))
        .limit(first + 1)
        .$castTo<O & { __totalCount: number }>(),
    );
    totalCount = counted[0]?.__totalCount ?? 0;
    found = counted.map(({ __totalCount, ...row }) => row as O);
  } else {
    const values = decodeCursor(after, key.columns.length);
    const cut = sql<boolean>`(${sql.join(key.columns.map((c) => c.by))}) ${sql.raw(
      key.direction === 'asc' ? '>' : '<',
    )} (${sql.join(key.columns.map((c, i) => sql`${values[i]}::${sql.raw(c.cast)}`))})`;
    const count = total
      ? sql<{ n: number }>`SELECT (${total})::int AS n`
      : query
          .clearSelect()
          .select(sql<number>`count(*)::int`.as('n'))
          .$castTo<{ n: number }>();
    const [page, [{ n }]] = await Promise.all([
      rows(db, ordered.where(cut).limit(first + 1)),
      rows(db, count),
    ]);
    found = page;
    totalCount = n;
  }
  const edges = found.slice(0, first).map((node) => ({
    cursor: encodeCursor(key.columns.map((c) => c.of(node))),
    node,
  }));
  return {
    edges,
    pageInfo: { hasNextPage: found.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** The same page with each node mapped (a row into its API type). */
export function mapPage<T, U>(page: Page<T>, map: (node: T) => U): Page<U> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })) };
}
