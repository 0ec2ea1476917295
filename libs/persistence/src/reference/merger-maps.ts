import { IsoDate, MergerMap, UnitKind, UnitMerger } from '@tracker/domain';
import { readFileSync } from 'node:fs';
import { projectPath } from '../project-path';

/** The real merger maps of 2025 shipped with the project (domain.md "Reorganisation"). */
export const MERGER_MAPS = {
  /** Resolution 202/2025/QH15: 63 provinces into 34 from 1 July 2025. */
  'provinces-2025': { header: 'code,name,name_ascii,type,merged_from', kind: UnitKind.PROVINCE },
  /** Resolution 176/2025/QH15: ministries merged from 1 March 2025 (only those the tracker knows). */
  'agencies-2025': { header: 'code,name,merged_from,effective', kind: UnitKind.CENTRAL_AGENCY },
} as const;

export type MergerMapName = keyof typeof MERGER_MAPS;

export function isMergerMapName(name: string): name is MergerMapName {
  return Object.prototype.hasOwnProperty.call(MERGER_MAPS, name);
}

/**
 * A shipped map as the domain's MergerMap, effective on the given day. A map that
 * carries its own date (agencies-2025) must be applied on that date.
 */
export function readMergerMap(name: MergerMapName, effectiveOn: IsoDate): MergerMap {
  const { header, kind } = MERGER_MAPS[name];
  const file = `${name}.csv`;
  const [first, ...rows] = readFileSync(
    projectPath('libs', 'persistence', 'reference', file),
    'utf8',
  )
    .trim()
    .split(/\r?\n/);
  if (first !== header) throw new Error(`${file}: unexpected header ${first}`);
  const columns = header.split(',');
  const mergers = rows.map((row, i): UnitMerger => {
    const cells = row.split(',');
    if (cells.length !== columns.length)
      throw new Error(`${file} line ${i + 2}: expected ${columns.length} cells`);
    const cell = (column: string) => cells[columns.indexOf(column)];
    if (columns.includes('effective') && cell('effective') !== effectiveOn)
      throw new Error(
        `${file} line ${i + 2}: takes effect on ${cell('effective')}, not ${effectiveOn}`,
      );
    return {
      successor: { code: cell('code'), name: cell('name'), kind },
      predecessorCodes: cell('merged_from').split(';'),
    };
  });
  return { effectiveOn, mergers };
}
