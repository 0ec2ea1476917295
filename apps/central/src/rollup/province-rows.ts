import {
  IsoDate,
  NO_MILESTONES,
  ProgressSums,
  progressOf,
  rowHealthOf,
  severityRank,
} from '@tracker/domain';
import { ProvinceRow } from './rollup.type';
import { Unit } from '../units/unit.type';

/** One row per province, in the order given, from each unit's sums (none: no milestones), as of `asOf`. */
export function provinceRows(
  provinces: readonly Unit[],
  sumsByUnit: ReadonlyMap<string, ProgressSums>,
  programId: string | null,
  asOf: IsoDate,
  nodes: ReadonlyMap<string, { lastSyncAt: Date | null }> = new Map(),
): ProvinceRow[] {
  return provinces.map((unit) => {
    const sums = sumsByUnit.get(unit.id) ?? NO_MILESTONES;
    return {
      unit,
      progress: progressOf(sums),
      health: rowHealthOf(sums),
      lastSyncAt: nodes.get(unit.id)?.lastSyncAt ?? null,
      programId,
      asOf,
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
