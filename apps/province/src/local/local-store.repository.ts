import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MilestoneStatus, ProgressReport } from '@tracker/domain';
import { DataSource, EntityManager } from 'typeorm';
import { LocalMilestone, SyncState } from './local-milestone.type';

const MILESTONE_COLUMNS = `lm.program_code AS "programCode", lm.key, lm.title, lm.baseline_due AS "baselineDue",
  lm.status, lm.percent_complete AS "percentComplete", lm.forecast_due AS "forecastDue",
  lm.completed_on AS "completedOn", lm.blocker, lm.note, lm.last_outcome AS "lastOutcome",
  lm.last_outcome_reason AS "lastOutcomeReason",
  EXISTS (SELECT 1 FROM outbox o WHERE o.program_code = lm.program_code AND o.key = lm.key) AS "pendingSync"`;

export interface OutboxRow {
  seq: number;
  idempotencyKey: string;
  programCode: string;
  key: string;
  status: MilestoneStatus;
  percentComplete: number;
  forecastDue: string | null;
  completedOn: string | null;
  blocker: string | null;
  note: string | null;
  reportedBy: string;
  reportedAt: Date;
}

/** The node's own tables: milestones, outbox, answers and bookkeeping. */
@Injectable()
export class LocalStoreRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async milestones(
    programCode?: string,
    manager: EntityManager = this.db.manager,
  ): Promise<LocalMilestone[]> {
    return manager.query(
      `SELECT ${MILESTONE_COLUMNS} FROM local_milestone lm
       WHERE $1::text IS NULL OR lm.program_code = $1
       ORDER BY lm.program_code, lm.baseline_due, lm.key`,
      [programCode ?? null],
    );
  }

  async milestone(
    manager: EntityManager,
    programCode: string,
    key: string,
  ): Promise<LocalMilestone | undefined> {
    const rows: LocalMilestone[] = await manager.query(
      `SELECT ${MILESTONE_COLUMNS} FROM local_milestone lm WHERE lm.program_code = $1 AND lm.key = $2`,
      [programCode, key],
    );
    return rows[0];
  }

  /** Takes the next seq: the node_state row is locked until the caller's transaction ends. */
  async takeSeq(tx: EntityManager): Promise<number> {
    const [[row]]: [{ seq: number }[], number] = await tx.query(
      `UPDATE node_state SET next_seq = next_seq + 1 WHERE id = 1 RETURNING next_seq - 1 AS seq`,
    );
    return row.seq;
  }

  async record(
    tx: EntityManager,
    entry: {
      seq: number;
      idempotencyKey: string;
      programCode: string;
      key: string;
      report: ProgressReport;
      reportedBy: string;
      reportedAt: Date;
    },
  ): Promise<void> {
    const r = entry.report;
    await tx.query(
      `INSERT INTO outbox (seq, idempotency_key, program_code, key, status, percent_complete, forecast_due, completed_on,
         blocker, note, reported_by, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        entry.seq,
        entry.idempotencyKey,
        entry.programCode,
        entry.key,
        r.status,
        r.percentComplete,
        r.forecastDue ?? null,
        r.completedOn ?? null,
        r.blocker ?? null,
        r.note ?? null,
        entry.reportedBy,
        entry.reportedAt,
      ],
    );
    await tx.query(
      `UPDATE local_milestone SET status = $3, percent_complete = $4, forecast_due = $5, completed_on = $6, blocker = $7, note = $8
       WHERE program_code = $1 AND key = $2`,
      [
        entry.programCode,
        entry.key,
        r.status,
        r.percentComplete,
        r.forecastDue ?? null,
        r.completedOn ?? null,
        r.blocker ?? null,
        r.note ?? null,
      ],
    );
  }

  async outbox(limit: number): Promise<OutboxRow[]> {
    return this.db.query(
      `SELECT seq, idempotency_key AS "idempotencyKey", program_code AS "programCode", key, status,
              percent_complete AS "percentComplete", forecast_due AS "forecastDue", completed_on AS "completedOn",
              blocker, note, reported_by AS "reportedBy", reported_at AS "reportedAt"
       FROM outbox ORDER BY seq LIMIT $1`,
      [limit],
    );
  }

  async syncState(): Promise<SyncState> {
    const [state]: (Omit<SyncState, 'planVersions'> & { clockOffsetMs: number })[] =
      await this.db.query(
        `SELECT (SELECT count(*)::int FROM outbox) AS pending, next_seq AS "nextSeq", highest_acked_seq AS "highestAckedSeq",
              last_success_at AS "lastSuccessAt", last_error AS "lastError", central_reachable AS "centralReachable"
       FROM node_state WHERE id = 1`,
      );
    const planVersions = await this.db.query(
      `SELECT program_code AS "programCode", version FROM plan_seen ORDER BY program_code`,
    );
    return { ...state, planVersions };
  }

  async clockOffset(): Promise<number> {
    const [row]: { offset: number }[] = await this.db.query(
      `SELECT clock_offset_ms AS offset FROM node_state WHERE id = 1`,
    );
    return row.offset;
  }
}
