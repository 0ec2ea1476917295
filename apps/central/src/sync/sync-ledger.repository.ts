import { Injectable } from '@nestjs/common';
import {
  Decision,
  IncomingUpdate,
  PriorRecord,
  TargetMilestone,
  UpdateOutcome,
} from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { MilestoneUpdateInput } from './push-milestone-updates.input';

export interface LockedMilestone extends TargetMilestone {
  programId: string;
  blockedSince: Date | null;
}

export interface NodeUnit {
  id: string;
  code: string;
  kind: string;
}

/** SQL of the sync ledger; every method runs inside the caller's transaction. */
@Injectable()
export class SyncLedgerRepository {
  /** Creates the node's row if new and locks it: one node's batches are recorded one at a time. */
  async lockNode(tx: EntityManager, unitId: string): Promise<number> {
    await tx.query(`INSERT INTO node_sync (unit_id) VALUES ($1) ON CONFLICT (unit_id) DO NOTHING`, [
      unitId,
    ]);
    const [row]: { highestSeq: number }[] = await tx.query(
      `SELECT highest_seq AS "highestSeq" FROM node_sync WHERE unit_id = $1 FOR NO KEY UPDATE`,
      [unitId],
    );
    return row.highestSeq;
  }

  async priorRecords(
    tx: EntityManager,
    unitId: string,
    keys: string[],
  ): Promise<Map<string, PriorRecord>> {
    const rows: (PriorRecord & { key: string })[] = await tx.query(
      `SELECT idempotency_key AS key, outcome, reason, milestone_id AS "milestoneId"
       FROM milestone_update WHERE node_unit_id = $1 AND idempotency_key = ANY ($2::text[])`,
      [unitId, keys],
    );
    return new Map(rows.map(({ key, ...record }) => [key, record]));
  }

  /**
   * The node's milestones named by the batch, locked, keyed by 'PROGRAM/KEY'.
   * NO KEY UPDATE: a push changes no key, so rows referencing these milestones
   * (escalations the engine inserts meanwhile) need not wait, and cannot
   * deadlock with it.
   */
  async lockTargets(
    tx: EntityManager,
    unitId: string,
    refs: string[],
  ): Promise<Map<string, LockedMilestone>> {
    const rows: (LockedMilestone & { ref: string })[] = await tx.query(
      `SELECT m.id, m.status, m.version, m.program_id AS "programId", m.blocked_since AS "blockedSince",
              p.code || '/' || pi.key AS ref
       FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
       WHERE m.unit_id = $1 AND p.code || '/' || pi.key = ANY ($2::text[])
       ORDER BY m.id
       FOR NO KEY UPDATE OF m`,
      [unitId, refs],
    );
    return new Map(rows.map(({ ref, ...target }) => [ref, target]));
  }

  /** Appends the batch's new records to history in one statement. */
  async record(
    tx: EntityManager,
    node: NodeUnit,
    reportedBy: string,
    receivedAt: Date,
    rows: { input: MilestoneUpdateInput; decision: Decision }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO milestone_update (node_unit_id, idempotency_key, seq, milestone_id, program_code, key, unit_code,
         outcome, reason, status, percent_complete, forecast_due, completed_on, blocker, note, reported_by, reported_at, received_at)
       SELECT $1, x.idempotency_key, x.seq, x.milestone_id, x.program_code, x.key, x.unit_code, x.outcome, x.reason,
         x.status, x.percent_complete, x.forecast_due, x.completed_on, x.blocker, x.note, $2, x.reported_at, $3
       FROM jsonb_to_recordset($4::jsonb) AS x(idempotency_key text, seq int, milestone_id uuid, program_code text,
         key text, unit_code text, outcome text, reason text, status text, percent_complete int, forecast_due date,
         completed_on date, blocker text, note text, reported_at timestamptz)`,
      [
        node.id,
        reportedBy,
        receivedAt,
        JSON.stringify(
          rows.map(({ input, decision }) => {
            const stored = decision.applied ?? input;
            return {
              idempotency_key: input.idempotencyKey,
              seq: input.seq,
              milestone_id: decision.milestoneId,
              program_code: input.programCode,
              key: input.key,
              unit_code: input.unitCode,
              outcome: decision.outcome,
              reason: decision.reason,
              status: input.status,
              percent_complete: input.percentComplete,
              forecast_due: stored.forecastDue ?? null,
              completed_on: stored.completedOn ?? null,
              blocker: stored.blocker ?? null,
              note: stored.note ?? null,
              reported_at: input.reportedAt.toISOString(),
            };
          }),
        ),
      ],
    );
  }

  /**
   * Sets each milestone to its last applied report of the batch. blocked_since is
   * the time of the report that made it BLOCKED, followed through the batch in order.
   */
  async applyLatest(
    tx: EntityManager,
    targets: Map<string, LockedMilestone>,
    applied: { milestoneId: string; input: MilestoneUpdateInput; decision: Decision }[],
  ): Promise<void> {
    const latest = new Map(applied.map((a) => [a.milestoneId, a]));
    if (latest.size === 0) return;
    const status = new Map([...targets.values()].map((t) => [t.id, t.status as string]));
    const since = new Map(
      [...targets.values()].map((t) => [t.id, t.status === 'BLOCKED' ? t.blockedSince : null]),
    );
    for (const { milestoneId, input, decision } of applied) {
      const next = decision.applied!.status;
      if (next !== 'BLOCKED') since.set(milestoneId, null);
      else if (status.get(milestoneId) !== 'BLOCKED') since.set(milestoneId, input.reportedAt);
      status.set(milestoneId, next);
    }
    await tx.query(
      `UPDATE milestone m SET status = x.status, percent_complete = x.percent_complete, forecast_due = x.forecast_due,
         completed_on = x.completed_on, blocker = x.blocker, note = x.note, version = x.seq,
         last_reported_at = x.reported_at, blocked_since = x.blocked_since
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text, percent_complete int, forecast_due date,
         completed_on date, blocker text, note text, seq int, reported_at timestamptz, blocked_since timestamptz)
       WHERE m.id = x.id`,
      [
        JSON.stringify(
          [...latest.values()].map(({ milestoneId, input, decision }) => ({
            id: milestoneId,
            status: decision.applied!.status,
            percent_complete: decision.applied!.percentComplete,
            forecast_due: decision.applied!.forecastDue ?? null,
            completed_on: decision.applied!.completedOn ?? null,
            blocker: decision.applied!.blocker ?? null,
            note: decision.applied!.note ?? null,
            seq: input.seq,
            reported_at: input.reportedAt.toISOString(),
            blocked_since: since.get(milestoneId)?.toISOString() ?? null,
          })),
        ),
      ],
    );
  }

  async updateNode(
    tx: EntityManager,
    unitId: string,
    decisions: Decision[],
    seqs: number[],
    at: Date,
  ): Promise<number> {
    const count = (o: UpdateOutcome) => decisions.filter((d) => d.record && d.outcome === o).length;
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [[row]]: [{ highestSeq: number }[], number] = await tx.query(
      `UPDATE node_sync SET highest_seq = GREATEST(highest_seq, $2), applied_count = applied_count + $3,
         rejected_count = rejected_count + $4, last_sync_at = $5
       WHERE unit_id = $1 RETURNING highest_seq AS "highestSeq"`,
      [
        unitId,
        Math.max(0, ...seqs),
        count(UpdateOutcome.APPLIED),
        count(UpdateOutcome.REJECTED),
        at,
      ],
    );
    return row.highestSeq;
  }

  /** What the incoming update carries, in the domain's terms. */
  static incoming(input: MilestoneUpdateInput, reportDate: string): IncomingUpdate {
    return {
      idempotencyKey: input.idempotencyKey,
      seq: input.seq,
      reportDate,
      report: {
        status: input.status,
        percentComplete: input.percentComplete,
        forecastDue: input.forecastDue,
        completedOn: input.completedOn,
        blocker: input.blocker,
        note: input.note,
      },
    };
  }
}
