import { decodeCursor, encodeCursor } from '@tracker/api';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MilestoneUpdate, MilestoneUpdateConnection } from './milestone-update.type';

export interface NodeSyncRow {
  unitId: string;
  highestSeq: number;
  appliedCount: number;
  rejectedCount: number;
  lastSyncAt: Date | null;
}

/** Reads of the sync ledger: per-node status and each milestone's history. */
@Injectable()
export class SyncStatusRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async nodes(): Promise<NodeSyncRow[]> {
    return this.db.query(
      `SELECT unit_id AS "unitId", highest_seq AS "highestSeq", applied_count AS "appliedCount",
              rejected_count AS "rejectedCount", last_sync_at AS "lastSyncAt" FROM node_sync`,
    );
  }

  /** Newest first (by seq, then id): what a leader reads on a milestone page. */
  async history(
    milestoneId: string,
    first: number,
    after: string | undefined,
  ): Promise<MilestoneUpdateConnection> {
    const params: unknown[] = [milestoneId];
    let cursorClause = '';
    if (after) {
      const [seq, id] = decodeCursor(after, 2);
      params.push(seq, id);
      cursorClause = `AND (seq, id) < ($2::int, $3::uuid)`;
    }
    params.push(first + 1);
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(
        `SELECT id, idempotency_key AS "idempotencyKey", seq, outcome, status, percent_complete AS "percentComplete",
                forecast_due AS "forecastDue", note, reported_by AS "reportedBy", reported_at AS "reportedAt",
                received_at AS "receivedAt", reason
         FROM milestone_update WHERE milestone_id = $1 ${cursorClause}
         ORDER BY seq DESC, id DESC LIMIT $${params.length}`,
        params,
      ) as Promise<(MilestoneUpdate & { id: string })[]>,
      this.db.query(`SELECT count(*)::int AS n FROM milestone_update WHERE milestone_id = $1`, [
        milestoneId,
      ]) as Promise<[{ n: number }]>,
    ]);
    const edges = rows
      .slice(0, first)
      .map(({ id, ...node }) => ({ cursor: encodeCursor([node.seq, id]), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: n,
    };
  }
}
