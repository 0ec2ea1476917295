import { foldForSearch, normalizeText, UnitKind } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { UnitEntity } from '../entities/unit.entity';
import { CENTRAL_AGENCIES_2019 } from './central-agencies';
import { readProvinces2019 } from './provinces';

/**
 * Loads the 63 provinces and the central agencies into an empty unit table and
 * answers how many it inserted (0 when units were already there: a restart
 * never duplicates or overwrites them).
 */
export async function loadReferenceUnits(manager: EntityManager): Promise<number> {
  return manager.transaction(async (tx) => {
    // Serialise concurrent first starts of two instances on one database.
    await tx.query(`LOCK TABLE unit IN SHARE ROW EXCLUSIVE MODE`);
    if ((await tx.count(UnitEntity)) > 0) return 0;
    const provinces = readProvinces2019().map((p) => ({
      code: p.code,
      name: normalizeText(p.name),
      nameFolded: foldForSearch(p.name),
      kind: UnitKind.PROVINCE,
      region: p.region,
    }));
    const agencies = CENTRAL_AGENCIES_2019.map((a) => ({
      code: a.code,
      name: normalizeText(a.name),
      nameFolded: foldForSearch(a.name),
      kind: UnitKind.CENTRAL_AGENCY,
      region: null,
    }));
    const rows = [...provinces, ...agencies];
    await tx.insert(UnitEntity, rows);
    return rows.length;
  });
}
