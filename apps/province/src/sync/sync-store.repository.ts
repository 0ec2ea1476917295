import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { provinceSql, REPORTED_COLUMNS, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { CentralIndicator, CentralMilestone } from './central-queries';
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

/** The centre's answer to one delivered indicator value. */
export interface DeliveredValue {
  seq: number;
  idempotencyKey: string;
  indicatorCode: string;
  period: string;
  outcome: string;
  reason: string | null;
}

/** The node's only row of bookkeeping (id 1). */
const nodeState = () => provinceSql.updateTable('node_state').where('id', '=', 1);

/**
 * What a sync round writes to the node's database, each step in one local transaction.
 * Bulk writes read their rows from one jsonb parameter (jsonb_to_recordset): one
 * statement text whatever the batch's size, and no limit on bound parameters.
 */
@Injectable()
export class SyncStoreRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // LOCK_ORDER: every transaction that writes node_state and local_milestone (or the
  // local indicators and their values) locks node_state first, as recording a report
  // or a value does (LocalStoreRepository.takeSeq, then its rows): in opposite orders a
  // report and a sync round deadlocked.

  /**
   * Brings the node's milestones and plan versions in line with the centre's (see
   * mirrorRow), and its indicators (the centre's definitions win; none is ever dropped,
   * as the node's values name them).
   */
  async mirror(
    milestones: CentralMilestone[],
    planVersions: { code: string; planVersion: number }[],
    indicators: CentralIndicator[],
    clockOffsetMs: number,
    centralHighestSeq: number,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // node_state first, as a report takes its seq before its milestone (LOCK_ORDER).
      // A node whose database was lost starts again above what the centre already has
      // from it, so its new reports are not taken for stale ones.
      await run(
        tx,
        nodeState().set((eb) => ({
          clock_offset_ms: clockOffsetMs,
          next_seq: eb.fn<number>('greatest', ['next_seq', eb.val(centralHighestSeq + 1)]),
        })),
      );
      const locals: MirrorRow[] = await rows(
        tx,
        provinceSql
          .selectFrom('local_milestone')
          .select([
            'program_code as programCode',
            'key',
            'title',
            'baseline_due as baselineDue',
            ...REPORTED_COLUMNS,
            'central_version as centralVersion',
          ])
          .forUpdate(),
      );
      const pending = await rows(
        tx,
        provinceSql.selectFrom('outbox').select(['program_code', 'key']).distinct(),
      );
      const pendingRefs = new Set(pending.map((p) => `${p.program_code}/${p.key}`));
      const byRef = new Map(locals.map((l) => [`${l.programCode}/${l.key}`, l]));
      const mirrored = milestones.map((m) => {
        const ref = `${m.program.code}/${m.key}`;
        return mirrorRow(m, byRef.get(ref), pendingRefs.has(ref));
      });
      if (mirrored.length > 0) {
        await run(
          tx,
          provinceSql
            .insertInto('local_milestone')
            .columns([
              'program_code',
              'key',
              'title',
              'baseline_due',
              'status',
              'percent_complete',
              'forecast_due',
              'completed_on',
              'blocker',
              'note',
              'central_version',
            ])
            .expression(
              sql`SELECT x."programCode", x.key, x.title, x."baselineDue", x.status, x."percentComplete",
                    x."forecastDue", x."completedOn", x.blocker, x.note, x."centralVersion"
                  FROM jsonb_to_recordset(${JSON.stringify(mirrored)}::jsonb) AS x("programCode" text, key text,
                    title text, "baselineDue" date, status text, "percentComplete" int, "forecastDue" date,
                    "completedOn" date, blocker text, note text, "centralVersion" int)`,
            )
            .onConflict((oc) =>
              oc.columns(['program_code', 'key']).doUpdateSet((eb) => ({
                title: eb.ref('excluded.title'),
                baseline_due: eb.ref('excluded.baseline_due'),
                status: eb.ref('excluded.status'),
                percent_complete: eb.ref('excluded.percent_complete'),
                forecast_due: eb.ref('excluded.forecast_due'),
                completed_on: eb.ref('excluded.completed_on'),
                blocker: eb.ref('excluded.blocker'),
                note: eb.ref('excluded.note'),
                central_version: eb.ref('excluded.central_version'),
              })),
            ),
        );
      }
      const withMilestones = new Set(milestones.map((m) => m.program.code));
      const seen = planVersions.filter((p) => withMilestones.has(p.code));
      if (seen.length > 0) {
        const json = JSON.stringify(seen.map((p) => ({ code: p.code, version: p.planVersion })));
        await run(
          tx,
          provinceSql
            .insertInto('plan_seen')
            .columns(['program_code', 'version'])
            .expression(
              sql`SELECT x.code, x.version FROM jsonb_to_recordset(${json}::jsonb) AS x(code text, version int)`,
            )
            .onConflict((oc) =>
              oc
                .column('program_code')
                .doUpdateSet((eb) => ({ version: eb.ref('excluded.version') })),
            ),
        );
      }
      if (indicators.length > 0) {
        await run(
          tx,
          provinceSql
            .insertInto('local_indicator')
            .columns(['code', 'name', 'kind', 'measure'])
            .expression(
              sql`SELECT x.code, x.name, x.kind, x.measure
                  FROM jsonb_to_recordset(${JSON.stringify(indicators)}::jsonb)
                    AS x(code text, name text, kind text, measure text)`,
            )
            .onConflict((oc) =>
              oc.column('code').doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                kind: eb.ref('excluded.kind'),
                measure: eb.ref('excluded.measure'),
              })),
            ),
        );
      }
    });
  }

  /**
   * Runs `read` in one snapshot. The two outboxes share one seq space: read one after
   * the other, a report committed between the two reads (its seq below a value's read
   * second) was left out of the batch, and the trim after it then dropped it unsent.
   */
  inOneSnapshot<T>(read: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', read);
  }

  /**
   * Stores the centre's answers, trims exactly the entries it answered (both outboxes),
   * and notes the success. Never "every seq up to the highest acknowledged": an entry
   * this batch did not carry has not reached the centre, whatever its seq.
   */
  async delivered(
    results: DeliveredResult[],
    values: DeliveredValue[],
    highestAckedSeq: number,
    at: Date,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // node_state first (LOCK_ORDER)
      await run(
        tx,
        nodeState().set((eb) => ({
          highest_acked_seq: eb.fn<number>('greatest', [
            'highest_acked_seq',
            eb.val(highestAckedSeq),
          ]),
          last_success_at: at,
          last_error: null,
          central_reachable: true,
        })),
      );
      if (results.length > 0) {
        await run(
          tx,
          provinceSql
            .insertInto('delivery')
            .columns([
              'seq',
              'idempotency_key',
              'program_code',
              'key',
              'outcome',
              'reason',
              'delivered_at',
            ])
            .expression(
              sql`SELECT x.seq, x."idempotencyKey", x."programCode", x.key, x.outcome, x.reason, ${at}::timestamptz
                  FROM jsonb_to_recordset(${JSON.stringify(results)}::jsonb) AS x(seq int, "idempotencyKey" uuid,
                    "programCode" text, key text, outcome text, reason text)`,
            )
            .onConflict((oc) => oc.column('seq').doNothing()),
        );
        // Each milestone shows the answer to its latest delivered report.
        const latest = new Map(results.map((r) => [`${r.programCode}/${r.key}`, r]));
        // A statement template: Kysely's UPDATE … FROM takes no jsonb_to_recordset with
        // its column definitions; the value is bound all the same.
        await run(
          tx,
          sql`UPDATE local_milestone lm SET last_outcome = x.outcome, last_outcome_reason = x.reason
              FROM jsonb_to_recordset(${JSON.stringify([...latest.values()])}::jsonb)
                AS x("programCode" text, key text, outcome text, reason text)
              WHERE lm.program_code = x."programCode" AND lm.key = x.key`,
        );
      }
      if (values.length > 0) await this.deliveredValues(tx, values, at);
      const answered = [
        ['outbox', results],
        ['indicator_outbox', values],
      ] as const;
      for (const [outbox, answers] of answered)
        if (answers.length > 0)
          await run(
            tx,
            provinceSql.deleteFrom(outbox).where(
              'seq',
              'in',
              answers.map((a) => a.seq),
            ),
          );
    });
  }

  /** The answers to values, as to reports: kept per seq, and each month shows its latest. */
  private async deliveredValues(
    tx: EntityManager,
    values: DeliveredValue[],
    at: Date,
  ): Promise<void> {
    await run(
      tx,
      provinceSql
        .insertInto('indicator_delivery')
        .columns([
          'seq',
          'idempotency_key',
          'indicator_code',
          'period',
          'outcome',
          'reason',
          'delivered_at',
        ])
        .expression(
          sql`SELECT x.seq, x."idempotencyKey", x."indicatorCode", x.period, x.outcome, x.reason, ${at}::timestamptz
              FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS x(seq int, "idempotencyKey" uuid,
                "indicatorCode" text, period text, outcome text, reason text)`,
        )
        .onConflict((oc) => oc.column('seq').doNothing()),
    );
    // values come in seq order: the last of a month is its latest report
    const latest = new Map(values.map((v) => [`${v.indicatorCode}/${v.period}`, v]));
    await run(
      tx,
      sql`UPDATE local_indicator_value v SET last_outcome = x.outcome, last_outcome_reason = x.reason
          FROM jsonb_to_recordset(${JSON.stringify([...latest.values()])}::jsonb)
            AS x("indicatorCode" text, period text, outcome text, reason text)
          WHERE v.indicator_code = x."indicatorCode" AND v.period = x.period`,
    );
  }

  async succeeded(at: Date): Promise<void> {
    await run(
      this.db,
      nodeState().set({ last_success_at: at, last_error: null, central_reachable: true }),
    );
  }

  async failed(error: string, reachable: boolean): Promise<void> {
    await run(
      this.db,
      nodeState().set({ last_error: error.slice(0, 500), central_reachable: reachable }),
    );
  }
}
