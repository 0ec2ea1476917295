import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IndicatorKind, IsoDate, Target, UnitKind, UnitValue } from '@tracker/domain';
import { anyOf, centralSql, one, Queryable, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { Indicator } from './indicator.type';

const indicators = () =>
  centralSql
    .selectFrom('indicator as i')
    .select([
      'i.id',
      'i.code',
      'i.name',
      'i.kind',
      'i.measure',
      'i.owner_unit_id as ownerUnitId',
      'i.program_id as programId',
    ])
    .$narrowType<{ kind: IndicatorKind }>();

/**
 * The units that owe a value of every indicator each month they owe (owesMonth):
 * today every province reports every indicator. The one statement of that rule:
 * IndicatorFigure.expectedUnits counts these, reporting completeness expects
 * their values.
 */
export const indicatorReporters = () =>
  centralSql
    .selectFrom('unit as u')
    .select(['u.id', 'u.valid_from as validFrom', 'u.valid_to as validTo'])
    .where('u.kind', '=', UnitKind.PROVINCE);

export interface UnitSpan {
  id: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

@Injectable()
export class IndicatorsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findAll(programId?: string): Promise<Indicator[]> {
    let query = indicators();
    if (programId) query = query.where('i.program_id', '=', programId);
    return rows(this.db, query.orderBy(sql`i.code COLLATE "C"`));
  }

  async findByCode(code: string, manager: Queryable = this.db): Promise<Indicator | undefined> {
    return one(manager, indicators().where('i.code', '=', code));
  }

  async targetsOf(indicatorIds: readonly string[]): Promise<(Target & { indicatorId: string })[]> {
    return rows(
      this.db,
      centralSql
        .selectFrom('indicator_target')
        .select(['indicator_id as indicatorId', 'value', 'due'])
        .where('indicator_id', '=', anyOf(indicatorIds, 'uuid'))
        .orderBy('due'),
    );
  }

  /**
   * Every applied value of these indicators, superseded ones included (the domain
   * keeps the highest seq per unit and month). The unit is the pushing node's: a
   * node reports for its own unit only, so node and unit are one.
   */
  async appliedValues(
    indicatorIds: readonly string[],
  ): Promise<(UnitValue & { indicatorId: string })[]> {
    return rows(
      this.db,
      centralSql
        .selectFrom('indicator_value')
        .select([
          'indicator_id as indicatorId',
          'node_unit_id as unitId',
          'period',
          'seq',
          'numerator',
          'denominator',
        ])
        .where('indicator_id', '=', anyOf(indicatorIds, 'uuid'))
        .where('outcome', '=', 'APPLIED')
        .$narrowType<{ indicatorId: string }>(),
    );
  }

  /** Every unit that ever reported indicators, with its days: who owed which month. */
  async provinceSpans(): Promise<UnitSpan[]> {
    return rows(this.db, indicatorReporters());
  }

  async insert(
    tx: EntityManager,
    indicator: Omit<Indicator, 'id'>,
    targets: readonly Target[],
  ): Promise<void> {
    const { id } = (await one(
      tx,
      centralSql
        .insertInto('indicator')
        .values({
          code: indicator.code,
          name: indicator.name,
          kind: indicator.kind,
          measure: indicator.measure,
          owner_unit_id: indicator.ownerUnitId,
          program_id: indicator.programId,
        })
        .returning('id'),
    ))!;
    if (targets.length === 0) return;
    await run(
      tx,
      centralSql
        .insertInto('indicator_target')
        .values(targets.map((t) => ({ indicator_id: id, value: t.value, due: t.due }))),
    );
  }
}
