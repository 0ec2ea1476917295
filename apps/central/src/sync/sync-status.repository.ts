import { keysetPage, mapPage } from '@tracker/api';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MilestoneStatus, UpdateOutcome } from '@tracker/domain';
import { centralSql, REPORTED_COLUMNS, rows } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { MilestoneUpdateConnection } from './milestone-update.type';

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
    return rows(
      this.db,
      centralSql
        .selectFrom('node_sync')
        .select([
          'unit_id as unitId',
          'highest_seq as highestSeq',
          'applied_count as appliedCount',
          'rejected_count as rejectedCount',
          'last_sync_at as lastSyncAt',
        ]),
    );
  }

  /** Newest first (by seq, then id): what a leader reads on a milestone page. */
  async history(
    milestoneId: string,
    first: number,
    after: string | undefined,
  ): Promise<MilestoneUpdateConnection> {
    const query = centralSql
      .selectFrom('milestone_update')
      .select([
        'id',
        'idempotency_key as idempotencyKey',
        'seq',
        'outcome',
        ...REPORTED_COLUMNS,
        'reported_by as reportedBy',
        'reported_at as reportedAt',
        'received_at as receivedAt',
        'reason',
      ])
      .$narrowType<{ outcome: UpdateOutcome; status: MilestoneStatus }>()
      .where('milestone_id', '=', milestoneId);
    const page = await keysetPage(
      this.db,
      query,
      {
        direction: 'desc',
        columns: [
          { by: sql`seq`, cast: 'int', of: (r) => r.seq },
          { by: sql`id`, cast: 'uuid', of: (r) => r.id },
        ],
      },
      first,
      after,
    );
    return mapPage(page, ({ id: _id, ...update }) => update);
  }
}
