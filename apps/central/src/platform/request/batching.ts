import DataLoader from 'dataloader';

/** loadMany, failing on the first error instead of returning it among the values. */
export async function loadAll<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  return values.map((v) => {
    if (v instanceof Error) throw v;
    return v;
  });
}

/** A loader's answer for keys from rows that carry their key: the row, or null. */
export function byKey<T, K>(
  keys: readonly K[],
  rows: readonly T[],
  keyOf: (row: T) => K,
): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** A loader's answer for keys from rows that carry their key: every row of each key. */
export function groupBy<T, K>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}
