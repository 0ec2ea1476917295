import { Injectable } from '@nestjs/common';
import { PriorRecord, TargetMilestone, UnitEnd, UnitKind, UpdateOutcome } from '@tracker/domain';
import { anyOf, centralSql, one, Queryable, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { AuditRepository, AuditRecord } from '../audit/audit.repository';
import { historyRows, latestRows, RecordedUpdate } from './ledger-rows';

export interface LockedMilestone extends TargetMilestone {
  programId: string;
  blockedSince: Date | null;
  /** Its unit was merged: a new unit's milestone carries it on (and may derive from it). */
  carriedOn: boolean;
}

export interface NodeUnit {
  id: string;
  code: string;
  kind: UnitKind;
  /** Set when the unit has been merged: how, for the reports dated after. */
  ended?: UnitEnd;
}

export interface BatchState {
  /** By idempotency key: what the centre recorded the first time it saw the key. */
  prior: Map<string, PriorRecord>;
  /** The node's milestones the batch names, locked, by 'PROGRAM/KEY'. */
  targets: Map<string, LockedMilestone>;
}

export interface BatchWrite {
  node: NodeUnit;
  reportedBy: string;
  receivedAt: Date;
  /** The batch's new records (DUPLICATEs excluded), in batch order. */
  recorded: RecordedUpdate[];
  targets: Map<string, LockedMilestone>;
  highestSeq: number;
  audit: { actor: { sub: string; role: string }; record: AuditRecord };
}

/**
 * SQL of the sync ledger, three statements a batch, all in the caller's
 * transaction: lock the node, read what the batch meets, write what was decided.
 */
@Injectable()
export class SyncLedgerRepository {
  /** Which of these programs another unit owns: an agency reports only on its own. */
  async programsOwnedByOthers(
    db: Queryable,
    codes: string[],
    ownerUnitId: string,
  ): Promise<string[]> {
    const found = await rows(
      db,
      centralSql
        .selectFrom('program')
        .select('code')
        .where('code', '=', anyOf(codes, 'text'))
        .where('owner_unit_id', '<>', ownerUnitId),
    );
    return found.map((p) => p.code);
  }

  /**
   * Creates the node's row if new and locks it: one node's batches are recorded
   * one at a time. Its own statement, so that the next one's snapshot is taken
   * after the lock is held and sees every batch recorded before it.
   */
  async lockNode(tx: EntityManager, unitId: string): Promise<number> {
    // Updating a non-key column locks FOR NO KEY UPDATE, as a plain UPDATE would.
    const row = await one(
      tx,
      centralSql
        .insertInto('node_sync')
        .values({ unit_id: unitId })
        .onConflict((oc) =>
          oc
            .column('unit_id')
            .doUpdateSet({ highest_seq: (eb) => eb.ref('node_sync.highest_seq') }),
        )
        .returning('highest_seq'),
    );
    return row!.highest_seq;
  }

  /**
   * The node's earlier records of the batch's keys, and the milestones it names,
   * locked NO KEY UPDATE: a push changes no key, so rows referencing these
   * milestones (escalations the engine inserts meanwhile) need not wait, and
   * cannot deadlock with it.
   */
  async readBatch(
    tx: EntityManager,
    unitId: string,
    keys: string[],
    refs: string[],
  ): Promise<BatchState> {
    // A locking CTE under a UNION ALL: clearer as SQL; its parameters are bound by Kysely all the same.
    const found = await rows(
      tx,
      sql<BatchRow>`WITH targets AS (
         SELECT m.id, m.status, m.version, m.program_id, m.blocked_since, m.successor_id IS NOT NULL AS carried,
                p.code || '/' || pi.key AS ref
         FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
         WHERE m.unit_id = ${unitId} AND p.code || '/' || pi.key = ANY (${refs}::text[])
         ORDER BY m.id
         FOR NO KEY UPDATE OF m)
       SELECT 'target' AS kind, ref AS key, id AS "milestoneId", status, version, program_id AS "programId",
              blocked_since AS "blockedSince", carried, NULL AS outcome, NULL AS reason
       FROM targets
       UNION ALL
       SELECT 'prior', idempotency_key, milestone_id, NULL, NULL, NULL, NULL, NULL, outcome, reason
       FROM milestone_update WHERE node_unit_id = ${unitId} AND idempotency_key = ANY (${keys}::text[])`,
    );
    const state: BatchState = { prior: new Map(), targets: new Map() };
    for (const r of found) {
      if (r.kind === 'prior')
        state.prior.set(r.key, {
          outcome: r.outcome!,
          reason: r.reason,
          milestoneId: r.milestoneId,
        });
      else
        state.targets.set(r.key, {
          id: r.milestoneId!,
          status: r.status!,
          version: r.version!,
          programId: r.programId!,
          blockedSince: r.blockedSince,
          carriedOn: r.carried === true,
        });
    }
    return state;
  }

  /**
   * Writes a decided batch in one statement: its new records to history, each
   * milestone set to its last applied report, the node's counters, the audit entry.
   */
  async write(tx: EntityManager, batch: BatchWrite): Promise<void> {
    const count = (o: UpdateOutcome) =>
      batch.recorded.filter((r) => r.decision.outcome === o).length;
    const history = JSON.stringify(historyRows(batch.recorded));
    const latest = JSON.stringify(latestRows(batch.targets, batch.recorded));
    // Kysely binds every parameter where it lands: the audit entry's CTE among them.
    const statement = centralSql
      .with('recorded', (db) =>
        db
          .insertInto('milestone_update')
          .columns([
            'node_unit_id',
            'idempotency_key',
            'seq',
            'milestone_id',
            'program_code',
            'key',
            'unit_code',
            'outcome',
            'reason',
            'status',
            'percent_complete',
            'forecast_due',
            'completed_on',
            'blocker',
            'note',
            'reported_by',
            'reported_at',
            'received_at',
          ])
          .expression(
            sql`SELECT ${batch.node.id}::uuid, x.idempotency_key, x.seq, x.milestone_id, x.program_code, x.key,
                  x.unit_code, x.outcome, x.reason, x.status, x.percent_complete, x.forecast_due, x.completed_on,
                  x.blocker, x.note, ${batch.reportedBy}::text, x.reported_at, ${batch.receivedAt}::timestamptz
                FROM jsonb_to_recordset(${history}::jsonb) AS x(idempotency_key text, seq int, milestone_id uuid,
                  program_code text, key text, unit_code text, outcome text, reason text, status text,
                  percent_complete int, forecast_due date, completed_on date, blocker text, note text,
                  reported_at timestamptz)`,
          ),
      )
      .with(
        'applied',
        () =>
          // A CTE Kysely is handed as text is not parenthesised for it.
          sql`(UPDATE milestone m SET status = x.status, percent_complete = x.percent_complete,
                 forecast_due = x.forecast_due, completed_on = x.completed_on, blocker = x.blocker, note = x.note,
                 version = x.seq, last_reported_at = x.reported_at, blocked_since = x.blocked_since
               FROM jsonb_to_recordset(${latest}::jsonb) AS x(id uuid, status text, percent_complete int,
                 forecast_due date, completed_on date, blocker text, note text, seq int, reported_at timestamptz,
                 blocked_since timestamptz)
               WHERE m.id = x.id)`,
      )
      .with('audited', () => AuditRepository.insert(batch.audit.actor, batch.audit.record))
      .updateTable('node_sync')
      .set((eb) => ({
        highest_seq: eb.fn<number>('greatest', ['highest_seq', eb.val(batch.highestSeq)]),
        applied_count: eb('applied_count', '+', count(UpdateOutcome.APPLIED)),
        rejected_count: eb('rejected_count', '+', count(UpdateOutcome.REJECTED)),
        last_sync_at: batch.receivedAt,
      }))
      .where('unit_id', '=', batch.node.id);
    await run(tx, statement);
  }
}

interface BatchRow {
  kind: 'target' | 'prior';
  key: string;
  milestoneId: string | null;
  status: LockedMilestone['status'] | null;
  version: number | null;
  programId: string | null;
  blockedSince: Date | null;
  carried: boolean | null;
  outcome: UpdateOutcome | null;
  reason: string | null;
}
