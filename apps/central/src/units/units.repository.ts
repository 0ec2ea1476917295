import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsoDate, UnitKind } from '@tracker/domain';
import { anyOf, CentralDb, centralSql, rows } from '@tracker/persistence';
import { RawBuilder, Selectable, sql } from 'kysely';
import { DataSource } from 'typeorm';
import { Unit } from './unit.type';

/** SQL predicate: the unit (alias `alias`) exists on the date `asOf`. */
export function unitExistsOn(asOf: IsoDate, alias = 'u'): RawBuilder<boolean> {
  const from = sql.ref(`${alias}.valid_from`);
  const to = sql.ref(`${alias}.valid_to`);
  return sql<boolean>`((${from} IS NULL OR ${from} <= ${asOf}::date) AND (${to} IS NULL OR ${to} >= ${asOf}::date))`;
}

/** LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Units' rows, each made a Unit by unitFromRow: the one list of what a Unit takes from its row. */
const units = () => centralSql.selectFrom('unit as u').selectAll('u');

/** A unit's table row (read here, or joined by another feature's page) as the API's Unit. */
export function unitFromRow(r: Selectable<CentralDb['unit']>): Unit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as UnitKind,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorId: r.successor_id,
  };
}

@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findExisting(
    asOf: IsoDate,
    filter: { kind?: UnitKind; folded?: string; code?: string },
  ): Promise<Unit[]> {
    let query = units().where(unitExistsOn(asOf));
    if (filter.kind) query = query.where('u.kind', '=', filter.kind);
    if (filter.code) query = query.where('u.code', '=', filter.code);
    const folded = filter.folded;
    if (folded)
      query = query.where((eb) =>
        eb.or([
          eb('u.name_folded', 'like', containsPattern(folded)),
          eb('u.code', '=', folded.toUpperCase()),
          // a former name finds the unit that carries it on ("ha giang": Tuyên Quang)
          eb.exists(
            eb
              .selectFrom('unit as p')
              .select('p.id')
              .whereRef('p.successor_id', '=', 'u.id')
              .where('p.name_folded', 'like', containsPattern(folded)),
          ),
        ]),
      );
    return (await rows(this.db, query.orderBy('u.kind', 'desc').orderBy('u.code'))).map(
      unitFromRow,
    );
  }

  /**
   * The unit that bore `code` on `day`, else the last that bore it before (a unit
   * since merged): what a token issued on `day` speaks for.
   */
  async bearerOf(code: string, day: IsoDate): Promise<Unit | undefined> {
    const [unit] = await rows(
      this.db,
      units()
        .where('u.code', '=', code)
        .where(sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${day}::date)`)
        .orderBy(sql`u.valid_from DESC NULLS LAST`)
        .limit(1),
    );
    return unit && unitFromRow(unit);
  }

  /** The units merged into these, in code order. */
  async findPredecessors(successorIds: readonly string[]): Promise<Unit[]> {
    return (
      await rows(
        this.db,
        units().where('u.successor_id', '=', anyOf(successorIds, 'uuid')).orderBy('u.code'),
      )
    ).map(unitFromRow);
  }

  async findByIds(ids: readonly string[]): Promise<Unit[]> {
    return (await rows(this.db, units().where('u.id', '=', anyOf(ids, 'uuid')))).map(unitFromRow);
  }
}
