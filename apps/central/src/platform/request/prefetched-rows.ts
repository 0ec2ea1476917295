import { CentralDb } from '@tracker/persistence';
import { Selectable } from 'kysely';
import { byKey } from './batching';
import { RequestContext } from './request-context';

/**
 * A table's row as to_jsonb writes it: columns by name, dates as 'YYYY-MM-DD' (as the
 * pg driver gives them here); timestamps would be ISO strings, not Dates.
 */
export type TableRow = { id: string } & Record<string, unknown>;

type Table = keyof CentralDb;

/**
 * Rows a page's own joins already read, kept for the rest of the request, so that
 * another feature's loader takes them instead of asking the database again: a page
 * of milestones brings its programs and units in its one statement, where each came
 * in a statement of its own. Raw table rows: the feature owning the table maps them
 * (the feature that joined them need not know its shape). Dropped with the request.
 */
export class PrefetchedRows {
  private static readonly made = new WeakMap<RequestContext, PrefetchedRows>();
  private readonly tables = new Map<Table, Map<string, TableRow>>();

  static of(ctx: RequestContext): PrefetchedRows {
    let rows = PrefetchedRows.made.get(ctx);
    if (!rows) PrefetchedRows.made.set(ctx, (rows = new PrefetchedRows()));
    return rows;
  }

  put(table: Table, rows: readonly TableRow[]): void {
    let byId = this.tables.get(table);
    if (!byId) this.tables.set(table, (byId = new Map()));
    for (const row of rows) byId.set(row.id, row);
  }

  /**
   * A loader's answer for `ids` (in their order, null where none): those prefetched
   * mapped by `fromRow`, the rest from `load` (one call, for the missing ids only;
   * none when every one was prefetched).
   */
  async resolve<T extends { id: string }, K extends Table>(
    table: K,
    ids: readonly string[],
    fromRow: (row: Selectable<CentralDb[K]>) => T,
    load: (missing: readonly string[]) => Promise<T[]>,
  ): Promise<(T | null)[]> {
    const byId = this.tables.get(table);
    const found = ids.flatMap((id) => {
      const row = byId?.get(id);
      return row ? [fromRow(row as unknown as Selectable<CentralDb[K]>)] : [];
    });
    const missing = ids.filter((id) => !byId?.has(id));
    const loaded = missing.length === 0 ? [] : await load(missing);
    return byKey(ids, [...found, ...loaded], (o) => o.id);
  }
}
