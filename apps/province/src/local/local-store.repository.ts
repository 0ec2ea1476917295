import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MilestoneStatus, ProgressReport, UpdateOutcome } from '@tracker/domain';
import { one, provinceSql, REPORTED_COLUMNS, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { LocalMilestone, SyncState } from './local-milestone.type';

/** The node's milestones as officers see them, each with whether a report of it waits in the outbox. */
const localMilestones = () =>
  provinceSql
    .selectFrom('local_milestone as lm')
    .select((eb) => [
      'lm.program_code as programCode',
      'lm.key',
      'lm.title',
      'lm.baseline_due as baselineDue',
      ...REPORTED_COLUMNS,
      'lm.last_outcome as lastOutcome',
      'lm.last_outcome_reason as lastOutcomeReason',
      eb
        .exists(
          eb
            .selectFrom('outbox as o')
            .select(sql.lit(1).as('one'))
            .whereRef('o.program_code', '=', 'lm.program_code')
            .whereRef('o.key', '=', 'lm.key'),
        )
        .as('pendingSync'),
    ])
    .$narrowType<{
      status: MilestoneStatus;
      lastOutcome: UpdateOutcome | null;
      pendingSync: boolean;
    }>();

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
    let query = localMilestones();
    if (programCode != null) query = query.where('lm.program_code', '=', programCode);
    return rows(
      manager,
      query.orderBy('lm.program_code').orderBy('lm.baseline_due').orderBy('lm.key'),
    );
  }

  async milestone(
    manager: EntityManager,
    programCode: string,
    key: string,
  ): Promise<LocalMilestone | undefined> {
    return one(
      manager,
      localMilestones().where('lm.program_code', '=', programCode).where('lm.key', '=', key),
    );
  }

  /** Takes the next seq: the node_state row is locked until the caller's transaction ends. */
  async takeSeq(tx: EntityManager): Promise<number> {
    const row = await one(
      tx,
      provinceSql
        .updateTable('node_state')
        .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
        .where('id', '=', 1)
        .returning((eb) => eb('next_seq', '-', 1).as('seq')),
    );
    return row!.seq;
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
    const state = {
      status: r.status,
      percent_complete: r.percentComplete,
      forecast_due: r.forecastDue ?? null,
      completed_on: r.completedOn ?? null,
      blocker: r.blocker ?? null,
      note: r.note ?? null,
    };
    await run(
      tx,
      provinceSql.insertInto('outbox').values({
        seq: entry.seq,
        idempotency_key: entry.idempotencyKey,
        program_code: entry.programCode,
        key: entry.key,
        ...state,
        reported_by: entry.reportedBy,
        reported_at: entry.reportedAt,
      }),
    );
    await run(
      tx,
      provinceSql
        .updateTable('local_milestone')
        .set(state)
        .where('program_code', '=', entry.programCode)
        .where('key', '=', entry.key),
    );
  }

  async outbox(limit: number, manager: EntityManager = this.db.manager): Promise<OutboxRow[]> {
    return rows(
      manager,
      provinceSql
        .selectFrom('outbox')
        .select([
          'seq',
          'idempotency_key as idempotencyKey',
          'program_code as programCode',
          'key',
          ...REPORTED_COLUMNS,
          'reported_by as reportedBy',
          'reported_at as reportedAt',
        ])
        .$narrowType<{ status: MilestoneStatus }>()
        .orderBy('seq')
        .limit(limit),
    );
  }

  async syncState(): Promise<SyncState> {
    const state = await one(
      this.db,
      provinceSql
        .selectFrom('node_state')
        .select([
          // both outboxes: progress reports and indicator values
          sql<number>`(SELECT count(*)::int FROM outbox) + (SELECT count(*)::int FROM indicator_outbox)`.as(
            'pending',
          ),
          'next_seq as nextSeq',
          'highest_acked_seq as highestAckedSeq',
          'last_success_at as lastSuccessAt',
          'last_error as lastError',
          'central_reachable as centralReachable',
        ])
        .where('id', '=', 1),
    );
    const planVersions = await rows(
      this.db,
      provinceSql
        .selectFrom('plan_seen')
        .select(['program_code as programCode', 'version'])
        .orderBy('program_code'),
    );
    return { ...state!, planVersions };
  }

  async clockOffset(): Promise<number> {
    const row = await one(
      this.db,
      provinceSql.selectFrom('node_state').select('clock_offset_ms').where('id', '=', 1),
    );
    return row!.clock_offset_ms;
  }
}
