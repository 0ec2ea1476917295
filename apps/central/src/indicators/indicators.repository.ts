import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IndicatorKind,
  IndicatorReporters,
  IsoDate,
  MonthSums,
  Period,
  Target,
  UnitKind,
  UnitValue,
} from '@tracker/domain';
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
      'i.reported_by as reportedBy',
      'i.owner_unit_id as ownerUnitId',
      'i.program_id as programId',
    ])
    .$narrowType<{ kind: IndicatorKind; reportedBy: IndicatorReporters }>();

/**
 * Each indicator with the units that owe a value of it each month they owe
 * (owesMonth): every province for a PROVINCES indicator, its owner agency alone
 * for an OWNER one (the domain's reporterRefusal refuses anyone else's value). The
 * one statement of that rule: IndicatorFigure.expectedUnits counts these, the
 * figures read only their values, reporting completeness expects the provinces'
 * (so a national indicator is owed by no province).
 */
export const indicatorReporters = () =>
  centralSql
    .selectFrom('indicator as i')
    .innerJoin('unit as u', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([
            eb('i.reported_by', '=', IndicatorReporters.PROVINCES),
            eb('u.kind', '=', UnitKind.PROVINCE),
          ]),
          eb.and([
            eb('i.reported_by', '=', IndicatorReporters.OWNER),
            eb('u.id', '=', eb.ref('i.owner_unit_id')),
          ]),
        ]),
      ),
    )
    .select(['i.id as indicatorId', 'u.id', 'u.valid_from as validFrom', 'u.valid_to as validTo']);

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
   * Each reporter's value of each month: its applied report with the highest seq
   * (a correction replaces the first figure, domain latestValues), read from its
   * reporters only (indicatorReporters: a value an agency pushed before the rule
   * refused it is not added to the provinces' sum). The unit is the pushing
   * node's: a node reports for its own unit only, so node and unit are one.
   */
  private latestValues(indicatorIds: readonly string[]) {
    return centralSql
      .selectFrom('indicator_value as v')
      .innerJoin(indicatorReporters().as('r'), (join) =>
        join.onRef('r.indicatorId', '=', 'v.indicator_id').onRef('r.id', '=', 'v.node_unit_id'),
      )
      .distinctOn(['v.indicator_id', 'v.node_unit_id', 'v.period'])
      .select([
        'v.indicator_id as indicatorId',
        'v.node_unit_id as unitId',
        'v.period',
        'v.seq',
        'v.numerator',
        'v.denominator',
      ])
      .where('v.indicator_id', '=', anyOf(indicatorIds, 'uuid'))
      .where('v.outcome', '=', 'APPLIED')
      .orderBy('v.indicator_id')
      .orderBy('v.node_unit_id')
      .orderBy('v.period')
      .orderBy('v.seq', 'desc')
      .$narrowType<{ indicatorId: string }>();
  }

  /**
   * Per indicator and month, its reporters' values added up: the national series, one
   * row a month (domain figureFromSums makes the figure), as the database keeps them
   * when values land (migration IndicatorMonthSums), whatever the number of units and
   * corrections behind them.
   */
  async monthSums(
    indicatorIds: readonly string[],
  ): Promise<(MonthSums & { indicatorId: string })[]> {
    return rows(
      this.db,
      centralSql
        .selectFrom('indicator_month')
        .select([
          'indicator_id as indicatorId',
          'period',
          'numerator',
          'denominator',
          'reporting_units as reportingUnits',
        ])
        .where('indicator_id', '=', anyOf(indicatorIds, 'uuid'))
        .orderBy('period'),
    );
  }

  /**
   * The same sums computed from every value (each reporter's latest of each month):
   * what the kept months are held to (verify-rollups).
   */
  async computedMonthSums(
    indicatorIds: readonly string[],
  ): Promise<(MonthSums & { indicatorId: string })[]> {
    return rows(
      this.db,
      centralSql
        .selectFrom(this.latestValues(indicatorIds).as('l'))
        .select((eb) => [
          'l.indicatorId',
          'l.period',
          eb.fn.sum<number>('l.numerator').as('numerator'),
          eb.fn.sum<number | null>('l.denominator').as('denominator'),
          sql<number>`count(*)::int`.as('reportingUnits'),
        ])
        .groupBy(['l.indicatorId', 'l.period'])
        .orderBy('l.period'),
    );
  }

  /** Each reporter's value of the months asked for, per indicator (the provinces ranked). */
  async valuesOfMonths(
    keys: readonly { indicatorId: string; period: Period }[],
  ): Promise<(UnitValue & { indicatorId: string })[]> {
    if (keys.length === 0) return [];
    return rows(
      this.db,
      this.latestValues(keys.map((k) => k.indicatorId)).where((eb) =>
        eb.or(
          keys.map((k) =>
            eb.and([eb('v.indicator_id', '=', k.indicatorId), eb('v.period', '=', k.period)]),
          ),
        ),
      ),
    );
  }

  /** One unit's value of each month (its own series). */
  async valuesOfUnit(indicatorId: string, unitId: string): Promise<UnitValue[]> {
    return rows(this.db, this.latestValues([indicatorId]).where('v.node_unit_id', '=', unitId));
  }

  /** The units that report these indicators, with their days: who owed which month. */
  async reporterSpans(
    indicatorIds: readonly string[],
  ): Promise<(UnitSpan & { indicatorId: string })[]> {
    return rows(this.db, indicatorReporters().where('i.id', '=', anyOf(indicatorIds, 'uuid')));
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
          reported_by: indicator.reportedBy,
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
