import { readFileSync } from 'node:fs';
import { projectPath } from '../project-path';

export interface ProvinceRecord {
  code: string;
  name: string;
  nameAscii: string;
  type: string;
  region: string;
}

/** The 63 provinces of 2019, from the GSO list shipped with the project. */
export function readProvinces2019(): ProvinceRecord[] {
  const text = readFileSync(
    projectPath('libs', 'persistence', 'reference', 'provinces-2019.csv'),
    'utf8',
  );
  const [header, ...rows] = text.trim().split(/\r?\n/);
  if (header !== 'code,name,name_ascii,type,region')
    throw new Error(`unexpected provinces header: ${header}`);
  return rows.map((row, i) => {
    const cells = row.split(',');
    if (cells.length !== 5) throw new Error(`provinces-2019.csv line ${i + 2}: expected 5 cells`);
    const [code, name, nameAscii, type, region] = cells;
    return { code, name, nameAscii, type, region };
  });
}
