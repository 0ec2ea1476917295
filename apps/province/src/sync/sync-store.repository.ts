import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CentralMilestone } from './central-queries';
import { mirrorRow, MirrorRow } from './mirror';

export interface DeliveredResult {
  seq: number;
  idempotencyKey: string;
  programCode: string;
  key: string;
  /** For a DUPLICATE, what the centre answered the first time: that is what became of the report. */
  outcome: string;
  reason: string | null;
}

/** What a sync round writes to the node's database, each step in one local transaction. */
@Injectable()
export class SyncStoreRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // LOCK_ORDER: every transaction that writes node_state and local_milestone locks
  // node_state first, as recording a report does (LocalStoreRepository.takeSeq, then
  // its milestone): in opposite orders a report and a sync round deadlocked.

  /** Brings the node's milestones and plan versions in line with the centre's (see mirrorRow). */
  async mirror(
    milestones: CentralMilestone[],
    planVersions: { code: string; planVersion: number }[],
    clockOffsetMs: number,
    centralHighestSeq: number,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // node_state first, as a report takes its seq before its milestone (LOCK_ORDER).
      // A node whose database was lost starts again above what the centre already has
      // from it, so its new reports are not taken for stale ones.
      await tx.query(
        `UPDATE node_state SET clock_offset_ms = $1, next_seq = GREATEST(next_seq, $2 + 1) WHERE id = 1`,
        [clockOffsetMs, centralHighestSeq],
      );
      const locals: MirrorRow[] = await tx.query(
        `SELECT program_code AS "programCode", key, title, baseline_due AS "baselineDue", status,
                percent_complete AS "percentComplete", forecast_due AS "forecastDue", completed_on AS "completedOn",
                blocker, note, central_version AS "centralVersion"
         FROM local_milestone FOR UPDATE`,
      );
      const pending: { ref: string }[] = await tx.query(
        `SELECT DISTINCT program_code || '/' || key AS ref FROM outbox`,
      );
      const pendingRefs = new Set(pending.map((p) => p.ref));
      const byRef = new Map(locals.map((l) => [`${l.programCode}/${l.key}`, l]));
      const rows = milestones.map((m) => {
        const ref = `${m.program.code}/${m.key}`;
        return mirrorRow(m, byRef.get(ref), pendingRefs.has(ref));
      });
      if (rows.length > 0) {
        await tx.query(
          `INSERT INTO local_milestone (program_code, key, title, baseline_due, status, percent_complete, forecast_due,
             completed_on, blocker, note, central_version)
           SELECT x."programCode", x.key, x.title, x."baselineDue", x.status, x."percentComplete", x."forecastDue",
             x."completedOn", x.blocker, x.note, x."centralVersion"
           FROM jsonb_to_recordset($1::jsonb) AS x("programCode" text, key text, title text, "baselineDue" date,
             status text, "percentComplete" int, "forecastDue" date, "completedOn" date, blocker text, note text,
             "centralVersion" int)
           ON CONFLICT (program_code, key) DO UPDATE SET title = EXCLUDED.title, baseline_due = EXCLUDED.baseline_due,
             status = EXCLUDED.status, percent_complete = EXCLUDED.percent_complete, forecast_due = EXCLUDED.forecast_due,
             completed_on = EXCLUDED.completed_on, blocker = EXCLUDED.blocker, note = EXCLUDED.note,
             central_version = EXCLUDED.central_version`,
          [JSON.stringify(rows)],
        );
      }
      const withMilestones = new Set(milestones.map((m) => m.program.code));
      const seen = planVersions.filter((p) => withMilestones.has(p.code));
      if (seen.length > 0) {
        await tx.query(
          `INSERT INTO plan_seen (program_code, version)
           SELECT x.code, x.version FROM jsonb_to_recordset($1::jsonb) AS x(code text, version int)
           ON CONFLICT (program_code) DO UPDATE SET version = EXCLUDED.version`,
          [JSON.stringify(seen.map((p) => ({ code: p.code, version: p.planVersion })))],
        );
      }
    });
  }

  /** Stores the centre's answers, trims what it acknowledged, and notes the success. */
  async delivered(results: DeliveredResult[], highestAckedSeq: number, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      // node_state first (LOCK_ORDER)
      await tx.query(
        `UPDATE node_state SET highest_acked_seq = GREATEST(highest_acked_seq, $1), last_success_at = $2,
           last_error = NULL, central_reachable = true WHERE id = 1`,
        [highestAckedSeq, at],
      );
      if (results.length > 0) {
        await tx.query(
          `INSERT INTO delivery (seq, idempotency_key, program_code, key, outcome, reason, delivered_at)
           SELECT x.seq, x."idempotencyKey", x."programCode", x.key, x.outcome, x.reason, $2
           FROM jsonb_to_recordset($1::jsonb) AS x(seq int, "idempotencyKey" uuid, "programCode" text, key text,
             outcome text, reason text)
           ON CONFLICT (seq) DO NOTHING`,
          [JSON.stringify(results), at],
        );
        // Each milestone shows the answer to its latest delivered report.
        const latest = new Map(results.map((r) => [`${r.programCode}/${r.key}`, r]));
        await tx.query(
          `UPDATE local_milestone lm SET last_outcome = x.outcome, last_outcome_reason = x.reason
           FROM jsonb_to_recordset($1::jsonb) AS x("programCode" text, key text, outcome text, reason text)
           WHERE lm.program_code = x."programCode" AND lm.key = x.key`,
          [JSON.stringify([...latest.values()])],
        );
      }
      await tx.query(`DELETE FROM outbox WHERE seq <= $1`, [highestAckedSeq]);
    });
  }

  async succeeded(at: Date): Promise<void> {
    await this.db.query(
      `UPDATE node_state SET last_success_at = $1, last_error = NULL, central_reachable = true WHERE id = 1`,
      [at],
    );
  }

  async failed(error: string, reachable: boolean): Promise<void> {
    await this.db.query(
      `UPDATE node_state SET last_error = $1, central_reachable = $2 WHERE id = 1`,
      [error.slice(0, 500), reachable],
    );
  }
}
