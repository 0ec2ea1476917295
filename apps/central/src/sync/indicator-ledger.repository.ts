import { Injectable } from '@nestjs/common';
import {
  IndicatorKind,
  IndicatorReporters,
  KnownIndicator,
  Period,
  PriorValueRecord,
  UpdateOutcome,
  ValueDecision,
} from '@tracker/domain';
import { anyOf, centralSql, rows, run } from '@tracker/persistence';
import { EntityManager } from 'typeorm';
import { IndicatorValueInput } from './indicator-value.input';

export interface ValueBatchState {
  /** By idempotency key: what the centre recorded the first time it saw the key. */
  prior: Map<string, PriorValueRecord>;
  /** The indicators the batch names, by code. */
  indicators: Map<string, KnownIndicator>;
  /** The highest applied seq by 'indicatorId|unitCode|period', for the months the batch names. */
  highestApplied: Map<string, number>;
}

export function valueSlot(indicatorId: string, unitCode: string, period: Period): string {
  return `${indicatorId}|${unitCode}|${period}`;
}

/**
 * The indicator values' side of the sync ledger, in the batch's transaction. No
 * lock of its own: a node pushes values for its own unit only, and its batches are
 * already recorded one at a time under the node's ledger row (SyncLedgerRepository.lockNode).
 */
@Injectable()
export class IndicatorLedgerRepository {
  async readBatch(
    tx: EntityManager,
    nodeUnitId: string,
    values: readonly IndicatorValueInput[],
  ): Promise<ValueBatchState> {
    const codes = [...new Set(values.map((v) => v.indicatorCode))];
    const [prior, indicators, applied] = [
      await rows(
        tx,
        centralSql
          .selectFrom('indicator_value')
          .select(['idempotency_key as key', 'outcome', 'reason'])
          .where('node_unit_id', '=', nodeUnitId)
          .where(
            'idempotency_key',
            '=',
            anyOf(
              values.map((v) => v.idempotencyKey),
              'text',
            ),
          )
          .$narrowType<{ outcome: UpdateOutcome }>(),
      ),
      await rows(
        tx,
        centralSql
          .selectFrom('indicator as i')
          .innerJoin('unit as o', 'o.id', 'i.owner_unit_id')
          .select([
            'i.id',
            'i.code',
            'i.kind',
            'i.reported_by as reportedBy',
            'o.code as ownerCode',
          ])
          .where('i.code', '=', anyOf(codes, 'text'))
          .$narrowType<{ kind: IndicatorKind; reportedBy: IndicatorReporters }>(),
      ),
      await rows(
        tx,
        centralSql
          .selectFrom('indicator_value as v')
          .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
          .select(['v.indicator_id as indicatorId', 'v.unit_code as unitCode', 'v.period'])
          .select((eb) => eb.fn.max('v.seq').as('seq'))
          .where('v.node_unit_id', '=', nodeUnitId)
          .where('v.outcome', '=', UpdateOutcome.APPLIED)
          .where('i.code', '=', anyOf(codes, 'text'))
          .where('v.period', '=', anyOf([...new Set(values.map((v) => v.period))], 'text'))
          .groupBy(['v.indicator_id', 'v.unit_code', 'v.period'])
          .$narrowType<{ indicatorId: string }>(),
      ),
    ];
    return {
      prior: new Map(prior.map((p) => [p.key, { outcome: p.outcome, reason: p.reason }])),
      indicators: new Map(indicators.map(({ code, ...known }) => [code, known])),
      highestApplied: new Map(
        applied.map((a) => [valueSlot(a.indicatorId, a.unitCode, a.period), a.seq]),
      ),
    };
  }

  /** The batch's new values, whatever their outcome (DUPLICATEs are not new). */
  async write(
    tx: EntityManager,
    nodeUnitId: string,
    receivedAt: Date,
    recorded: readonly { input: IndicatorValueInput; decision: ValueDecision }[],
  ): Promise<void> {
    if (recorded.length === 0) return;
    await run(
      tx,
      centralSql.insertInto('indicator_value').values(
        recorded.map(({ input, decision }) => ({
          node_unit_id: nodeUnitId,
          idempotency_key: input.idempotencyKey,
          seq: input.seq,
          indicator_id: decision.indicatorId,
          indicator_code: input.indicatorCode,
          unit_code: input.unitCode,
          period: input.period,
          numerator: input.numerator,
          denominator: input.denominator ?? null,
          note: input.note ?? null,
          outcome: decision.outcome,
          reason: decision.reason,
          reported_at: input.reportedAt,
          received_at: receivedAt,
        })),
      ),
    );
  }
}
