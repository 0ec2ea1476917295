import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsoDate, UnitKind } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { Unit } from './unit.type';

/** SQL predicate: the unit (alias u) exists on the date bound at `$n`. */
export function unitExistsOn(param: string, alias = 'u'): string {
  return `((${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${param}) AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${param}))`;
}

const UNIT_COLUMNS = `u.id, u.code, u.name, u.kind, u.valid_from AS "validFrom", u.valid_to AS "validTo", u.successor_id AS "successorId"`;

/** LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findExisting(
    asOf: IsoDate,
    filter: { kind?: UnitKind; folded?: string; code?: string },
  ): Promise<Unit[]> {
    const params: unknown[] = [asOf];
    const where = [unitExistsOn('$1')];
    if (filter.kind) {
      params.push(filter.kind);
      where.push(`u.kind = $${params.length}`);
    }
    if (filter.code) {
      params.push(filter.code);
      where.push(`u.code = $${params.length}`);
    }
    if (filter.folded) {
      params.push(containsPattern(filter.folded));
      const like = `$${params.length}`;
      params.push(filter.folded.toUpperCase());
      where.push(`(u.name_folded LIKE ${like} OR u.code = $${params.length})`);
    }
    return this.db.query(
      `SELECT ${UNIT_COLUMNS} FROM unit u WHERE ${where.join(' AND ')} ORDER BY u.kind DESC, u.code`,
      params,
    );
  }

  async findByIds(ids: readonly string[]): Promise<Unit[]> {
    return this.db.query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.id = ANY($1::uuid[])`, [ids]);
  }
}
