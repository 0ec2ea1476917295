import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IndicatorKind, UpdateOutcome } from '@tracker/domain';
import { one, provinceSql, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { LocalIndicator, LocalIndicatorValue } from './local-indicator.type';

/** An indicator value waiting for the centre, in the node's one seq space. */
export interface IndicatorOutboxRow {
  seq: number;
  idempotencyKey: string;
  indicatorCode: string;
  period: string;
  numerator: number;
  denominator: number | null;
  note: string | null;
  reportedAt: Date;
}

/** The indicators this node reports, its own values of them, and the values' outbox. */
@Injectable()
export class LocalIndicatorsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** Every indicator by code, each with its values newest month first (two statements, whatever the count). */
  async indicators(
    manager: EntityManager = this.db.manager,
    code?: string,
  ): Promise<LocalIndicator[]> {
    let indicators = provinceSql
      .selectFrom('local_indicator')
      .select(['code', 'name', 'kind', 'measure']);
    let values = provinceSql
      .selectFrom('local_indicator_value as v')
      .select((eb) => [
        'v.indicator_code as indicatorCode',
        'v.period',
        'v.numerator',
        'v.denominator',
        'v.note',
        'v.last_outcome as lastOutcome',
        'v.last_outcome_reason as lastOutcomeReason',
        eb
          .exists(
            eb
              .selectFrom('indicator_outbox as o')
              .select(sql.lit(1).as('one'))
              .whereRef('o.indicator_code', '=', 'v.indicator_code')
              .whereRef('o.period', '=', 'v.period'),
          )
          .as('pendingSync'),
      ])
      .$narrowType<{ lastOutcome: UpdateOutcome | null; pendingSync: boolean }>();
    if (code != null) {
      indicators = indicators.where('code', '=', code);
      values = values.where('v.indicator_code', '=', code);
    }
    const [found, all] = await Promise.all([
      rows(manager, indicators.orderBy('code')),
      rows(manager, values.orderBy('v.indicator_code').orderBy('v.period', 'desc')),
    ]);
    const byCode = new Map<string, LocalIndicatorValue[]>();
    for (const { indicatorCode, ...value } of all) {
      byCode.set(indicatorCode, [...(byCode.get(indicatorCode) ?? []), value]);
    }
    return found.map((i) => ({ ...i, values: byCode.get(i.code) ?? [] }));
  }

  /** The kind of an indicator the node knows, or undefined. */
  async kindOf(code: string): Promise<{ kind: IndicatorKind } | undefined> {
    return one(
      this.db,
      provinceSql
        .selectFrom('local_indicator')
        .select('kind')
        .where('code', '=', code)
        .$narrowType<{ kind: IndicatorKind }>(),
    );
  }

  /**
   * The value and its outbox row, in the caller's transaction (which took the seq):
   * a newer report of the same month replaces the local value, as the centre keeps
   * the one with the highest seq.
   */
  async record(
    tx: EntityManager,
    entry: Omit<IndicatorOutboxRow, 'reportedAt'> & { reportedBy: string; reportedAt: Date },
  ): Promise<void> {
    const figures = {
      numerator: entry.numerator,
      denominator: entry.denominator,
      note: entry.note,
    };
    await run(
      tx,
      provinceSql.insertInto('indicator_outbox').values({
        seq: entry.seq,
        idempotency_key: entry.idempotencyKey,
        indicator_code: entry.indicatorCode,
        period: entry.period,
        ...figures,
        reported_by: entry.reportedBy,
        reported_at: entry.reportedAt,
      }),
    );
    await run(
      tx,
      provinceSql
        .insertInto('local_indicator_value')
        .values({ indicator_code: entry.indicatorCode, period: entry.period, ...figures })
        .onConflict((oc) => oc.columns(['indicator_code', 'period']).doUpdateSet(figures)),
    );
  }

  async outbox(
    limit: number,
    manager: EntityManager = this.db.manager,
  ): Promise<IndicatorOutboxRow[]> {
    return rows(
      manager,
      provinceSql
        .selectFrom('indicator_outbox')
        .select([
          'seq',
          'idempotency_key as idempotencyKey',
          'indicator_code as indicatorCode',
          'period',
          'numerator',
          'denominator',
          'note',
          'reported_at as reportedAt',
        ])
        .orderBy('seq')
        .limit(limit),
    );
  }
}
