import { IsoDate, rollUp, rowHealth, severityRank } from '@tracker/domain';
import { ProvinceRow } from '../programs/program.type';
import { Unit } from '../units/unit.type';
import { MilestoneFact } from './rollup-facts.repository';

/** One row per province, in the order given, from the facts that belong to it. */
export function provinceRows(
  provinces: readonly Unit[],
  facts: readonly MilestoneFact[],
  today: IsoDate,
  programId: string | null,
  nodes: ReadonlyMap<string, { lastSyncAt: Date | null }> = new Map(),
): ProvinceRow[] {
  const byUnit = new Map<string, MilestoneFact[]>();
  for (const f of facts) {
    const list = byUnit.get(f.unitId);
    if (list) list.push(f);
    else byUnit.set(f.unitId, [f]);
  }
  return provinces.map((unit) => {
    const own = byUnit.get(unit.id) ?? [];
    return {
      unit,
      progress: rollUp(own, today),
      health: rowHealth(own),
      lastSyncAt: nodes.get(unit.id)?.lastSyncAt ?? null,
      programId,
    };
  });
}

/** Worst first: most late + blocked milestones, then worst health, then code. */
export function laggingFirst(rows: readonly ProvinceRow[]): ProvinceRow[] {
  const trouble = (r: ProvinceRow) => r.progress.late + r.progress.blocked;
  return [...rows].sort(
    (a, b) =>
      trouble(b) - trouble(a) ||
      severityRank(a.health) - severityRank(b.health) ||
      (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0),
  );
}
