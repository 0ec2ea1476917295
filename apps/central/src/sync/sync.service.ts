import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { vietnamDate } from '@tracker/api';
import { Actor } from '@tracker/auth';
import {
  decideBatch,
  decideIndicatorValues,
  Decision,
  DomainError,
  IsoDate,
  Role,
  UnitKind,
  ValueDecision,
} from '@tracker/domain';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { Clock } from '../platform/clock/clock';
import { EscalationEngine } from '../escalations/escalation-engine';
import { CarriedStateRepository } from '../milestones/carried-state.repository';
import { TokenUnits } from '../units/token-units';
import { checkOneSeqSpace, checkValuesScope } from './batch-checks';
import { IndicatorLedgerRepository, valueSlot } from './indicator-ledger.repository';
import { IndicatorValueInput } from './indicator-value.input';
import { MilestoneUpdateInput, PushMilestoneUpdatesInput } from './push-milestone-updates.input';
import { incoming } from './ledger-rows';
import { NodeUnit, SyncLedgerRepository } from './sync-ledger.repository';

export interface PushOutcome {
  decisions: Decision[];
  /** One per indicator value, in input order. */
  valueDecisions: ValueDecision[];
  highestAckedSeq: number;
}

@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: SyncLedgerRepository,
    private readonly units: TokenUnits,
    private readonly clock: Clock,
    private readonly engine: EscalationEngine,
    private readonly changes: ChangeNotifier,
    private readonly carried: CarriedStateRepository,
    private readonly values: IndicatorLedgerRepository,
  ) {}

  /**
   * Records a node's batch in one transaction: either every update of it is in
   * history (with its outcome) or none is. The node's ledger row is locked first,
   * so concurrent copies of a batch (retries, a second central instance) are
   * recorded one after the other and the later finds every key already there.
   * Escalations follow within about a second (EscalationEngine.evaluateSoon):
   * the node's acknowledgement waits only for its reports to be durable.
   */
  async push(actor: Actor, input: PushMilestoneUpdatesInput): Promise<PushOutcome> {
    const updates = input.updates;
    const values = input.indicatorValues ?? [];
    checkOneSeqSpace(updates, values);
    const today = this.clock.today();
    const node = await this.nodeUnit(actor, today);
    await this.checkScope(actor, node, updates);
    checkValuesScope(node, values);

    const outcome = await retryOnConflict(() => this.record(actor, node, updates, values, today));
    if (outcome.decisions.length + outcome.valueDecisions.length > 0)
      await this.changes.notify({ kind: 'milestones', programIds: outcome.programIds });
    if (outcome.milestoneIds.length > 0)
      this.engine.evaluateSoon(outcome.milestoneIds, outcome.programIds);
    return outcome;
  }

  private async record(
    actor: Actor,
    node: NodeUnit,
    updates: MilestoneUpdateInput[],
    values: IndicatorValueInput[],
    today: IsoDate,
  ): Promise<PushOutcome & { programIds: string[]; milestoneIds: string[] }> {
    return this.db.transaction(async (tx) => {
      const highestBefore = await this.ledger.lockNode(tx, node.id);
      if (updates.length + values.length === 0)
        return {
          decisions: [],
          valueDecisions: [],
          highestAckedSeq: highestBefore,
          programIds: [],
          milestoneIds: [],
        };
      const receivedAt = this.clock.now();
      const valueDecisions = await this.recordValues(tx, node, values, receivedAt, today);
      const { prior, targets } = await this.ledger.readBatch(
        tx,
        node.id,
        updates.map((u) => u.idempotencyKey),
        [...new Set(updates.map(ref))],
      );
      // By object, not by key: a key repeated in a batch may name another milestone.
      const incomings = updates.map((u) => incoming(u, vietnamDate(u.reportedAt)));
      const inputOf = new Map(incomings.map((inc, i) => [inc, updates[i]]));
      const decisions = decideBatch(
        incomings,
        (inc) => targets.get(ref(inputOf.get(inc)!)),
        prior,
        today,
        node.ended,
      );
      const recorded = updates
        .map((input, i) => ({ input, decision: decisions[i] }))
        .filter((r) => r.decision.record);
      // The node's row is locked: this is what the write below leaves in it.
      const highestAckedSeq = Math.max(
        highestBefore,
        ...updates.map((u) => u.seq),
        ...values.map((v) => v.seq),
      );
      await this.ledger.write(tx, {
        node,
        reportedBy: actor.sub,
        receivedAt,
        recorded,
        targets,
        highestSeq: highestAckedSeq,
        audit: {
          actor,
          record: {
            action: 'updates.push',
            subject: node.code,
            detail: {
              highestAckedSeq,
              outcomes: Object.fromEntries(outcomeCounts(decisions)),
              recorded: recorded.map((r) => ({
                seq: r.input.seq,
                ref: ref(r.input),
                outcome: r.decision.outcome,
              })),
              // only when the batch carried values: an updates-only entry reads as before
              ...(values.length > 0 && {
                indicatorValues: values.map((v, i) => ({
                  seq: v.seq,
                  ref: `${v.indicatorCode}/${v.period}`,
                  outcome: valueDecisions[i].outcome,
                })),
              }),
            },
          },
        },
      });
      this.logger.log(`${actor.sub}: ${summarise(decisions)}, acked up to ${highestAckedSeq}`);
      const touched = [...targets.values()].filter((t) =>
        decisions.some((d) => d.applied && d.milestoneId === t.id),
      );
      // a merged unit's late report moves the new unit's milestone still derived from it
      const carried = await this.carried.refreshFrom(
        tx,
        touched.filter((t) => t.carriedOn).map((t) => t.id),
      );
      return {
        decisions,
        valueDecisions,
        highestAckedSeq,
        programIds: [...new Set(touched.map((t) => t.programId))],
        milestoneIds: [...touched.map((t) => t.id), ...carried],
      };
    });
  }

  /** Decides and writes the batch's indicator values, under the node's lock already held. */
  private async recordValues(
    tx: EntityManager,
    node: NodeUnit,
    values: IndicatorValueInput[],
    receivedAt: Date,
    today: IsoDate,
  ): Promise<ValueDecision[]> {
    if (values.length === 0) return [];
    const state = await this.values.readBatch(tx, node.id, values);
    const decisions = decideIndicatorValues(
      values.map((v) => ({ ...v, denominator: v.denominator ?? null })),
      (code) => state.indicators.get(code),
      (id, unitCode, period) => state.highestApplied.get(valueSlot(id, unitCode, period)) ?? 0,
      state.prior,
      today,
      node,
    );
    const recorded = values
      .map((input, i) => ({ input, decision: decisions[i] }))
      .filter((r) => r.decision.record);
    await this.values.write(tx, node.id, receivedAt, recorded);
    return decisions;
  }

  /**
   * The unit the token speaks for: a province for a node, an agency for an agency.
   * A unit since merged still pushes: its reports dated before its end apply, later
   * ones are REJECTED naming its successor (`ended`).
   */
  private async nodeUnit(actor: Actor, today: IsoDate): Promise<NodeUnit> {
    const expected =
      actor.role === Role.PROVINCE_NODE ? UnitKind.PROVINCE : UnitKind.CENTRAL_AGENCY;
    const unit = await this.units.unitOf(actor, today);
    // unitOf finds only a unit begun by today: one that has not begun cannot speak
    if (!unit || unit.kind !== expected)
      throw DomainError.forbidden(
        `the token's unit ${actor.unit} is no ${expected.toLowerCase()} that exists today`,
      );
    const ended = await this.units.endOf(unit, today);
    return { id: unit.id, code: unit.code, kind: unit.kind, ended };
  }

  /**
   * One update outside the caller's scope refuses the whole request: a province
   * node reports only its own province; an agency only its own CENTRAL milestones
   * of the programs it owns.
   */
  private async checkScope(
    actor: Actor,
    node: NodeUnit,
    updates: MilestoneUpdateInput[],
  ): Promise<void> {
    const foreign = updates.findIndex((u) => u.unitCode !== node.code);
    if (foreign >= 0) {
      throw DomainError.forbidden(
        `updates[${foreign}] is for unit ${updates[foreign].unitCode.slice(0, 16)}; this token reports for ${node.code} only`,
      );
    }
    if (actor.role !== Role.AGENCY) return;
    const others = await this.ledger.programsOwnedByOthers(
      this.db,
      [...new Set(updates.map((u) => u.programCode))],
      node.id,
    );
    if (others.length > 0) {
      throw DomainError.forbidden(
        `${node.code} does not own program ${others[0]}; only its owner reports on it`,
      );
    }
  }
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/**
 * A batch whose transaction lost a deadlock is recorded again (it rolled back
 * whole): the node gets its answer instead of an internal error and a retry.
 */
async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (e) {
      const code = (e as { driverError?: { code?: string } }).driverError?.code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw e;
    }
  }
}

function ref(u: MilestoneUpdateInput): string {
  return `${u.programCode}/${u.key}`;
}

function outcomeCounts(decisions: Decision[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of decisions) counts.set(d.outcome, (counts.get(d.outcome) ?? 0) + 1);
  return counts;
}

function summarise(decisions: Decision[]): string {
  return [...outcomeCounts(decisions)].map(([o, n]) => `${n} ${o}`).join(', ');
}
