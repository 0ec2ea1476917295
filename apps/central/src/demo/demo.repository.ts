import { IsoDate, UnitKind } from '@tracker/domain';
import { centralSql, one, Queryable, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { unitExistsOn } from '../units/units.repository';
import { DemoMilestone, DemoReport } from './demo-history';
import { DemoIndicatorValue, DemoProvince, withSources } from './demo-indicators';
import { DemoState } from './demo-program.type';

/**
 * The demo's history is recorded as if imported from before any node ran: its seqs
 * are below zero, so every report a node later makes (seq 1 and up) comes after it,
 * and a milestone's version (the highest seq applied from its node) stays 0.
 */
const HISTORY_SEQ_BASE = -100_000_000;

/**
 * The demo's indicator values take seqs of their own band, below the milestone
 * history's, in the same node seq space: only their order within a unit's month
 * counts (the highest applies), and each has one.
 */
const VALUE_SEQ_BASE = 2 * HISTORY_SEQ_BASE;

/** The milestones with their program, plan item and unit, as the demo reads them. */
const MILESTONES = sql`FROM milestone m JOIN program p ON p.id = m.program_id JOIN plan_item pi ON pi.id = m.plan_item_id
  JOIN unit u ON u.id = m.unit_id`;

/** A milestone's demo state: the unit's, of the plan item `key`. */
export interface UnitState {
  unitCode: string;
  key: string;
  state: DemoState;
}

/** The demo loader's SQL: what it asks of the database and the states it sets directly. */
export class DemoRepository {
  constructor(private readonly db: Queryable) {}

  async programCount(): Promise<number> {
    const row = await one(
      this.db,
      centralSql.selectFrom('program').select(sql<number>`count(*)::int`.as('n')),
    );
    return row!.n;
  }

  /** Every province that ever existed, with its days and the 2019 provinces it stands for. */
  async provinces(): Promise<DemoProvince[]> {
    const units = await rows(
      this.db,
      centralSql
        .selectFrom('unit')
        .select([
          'id',
          'code',
          'valid_from as validFrom',
          'valid_to as validTo',
          'successor_id as successorId',
        ])
        .where('kind', '=', UnitKind.PROVINCE),
    );
    return withSources(units);
  }

  /**
   * Sets each named milestone of the program to its reported state, in one statement.
   * A statement template: Kysely's UPDATE … FROM takes no jsonb_to_recordset with its
   * column definitions; the values are bound all the same.
   */
  async applyStates(programCode: string, states: UnitState[]): Promise<void> {
    const json = JSON.stringify(
      states.map(({ unitCode, key, state }) => ({
        unit: unitCode,
        key,
        status: state.status,
        percent: state.percentComplete,
        forecast: state.forecastDue ?? null,
        completed: state.completedOn ?? null,
        blocker: state.blocker ?? null,
        note: state.note ?? null,
        reported: state.reportedAt,
      })),
    );
    await run(
      this.db,
      sql`UPDATE milestone m SET status = x.status, percent_complete = x.percent, forecast_due = x.forecast,
            completed_on = x.completed, blocker = x.blocker, note = x.note, last_reported_at = x.reported,
            blocked_since = CASE WHEN x.status = 'BLOCKED' THEN x.reported END
          FROM jsonb_to_recordset(${json}::jsonb)
            AS x(unit text, key text, status text, percent int, forecast date, completed date, blocker text,
              note text, reported timestamptz),
            plan_item pi, program p, unit u
          WHERE p.code = ${programCode} AND pi.program_id = p.id AND pi.key = x.key AND u.code = x.unit
            AND m.plan_item_id = pi.id AND m.unit_id = u.id`,
    );
  }

  /**
   * Each reported milestone's state as the report that set it (reportedAt as an ISO
   * instant): what the demo's history is built back from (historyToDemoDay).
   */
  async reportedStates(): Promise<DemoReport[]> {
    return rows(
      this.db,
      sql<DemoReport>`SELECT m.id AS "milestoneId", m.unit_id AS "unitId", p.code AS "programCode", pi.key,
            u.code AS "unitCode", m.status, m.percent_complete AS "percentComplete",
            m.forecast_due::text AS "forecastDue", m.completed_on::text AS "completedOn", m.blocker, m.note,
            to_char(m.last_reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reportedAt"
          ${MILESTONES}
          WHERE m.last_reported_at IS NOT NULL
          ORDER BY m.last_reported_at, m.id`,
    );
  }

  /** The milestones of the units that exist on `day`, as they stand (cancelled ones left out). */
  async milestonesOn(day: IsoDate): Promise<DemoMilestone[]> {
    return rows(
      this.db,
      sql<DemoMilestone>`SELECT m.id, m.unit_id AS "unitId", p.code AS "programCode", pi.key, u.code AS "unitCode",
            pi.baseline_due AS "baselineDue", m.status, m.percent_complete AS "percentComplete",
            (m.last_reported_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "lastReportedOn"
          ${MILESTONES}
          WHERE m.status <> 'CANCELLED' AND ${unitExistsOn(day)}`,
    );
  }

  /**
   * Records the reports (in time order) as applied history after what is there, and
   * leaves each milestone as its last report did. In bulk: the demo starts in seconds.
   */
  async recordReports(reports: readonly DemoReport[]): Promise<void> {
    if (reports.length === 0) return;
    const json = JSON.stringify(reports);
    await run(
      this.db,
      sql`WITH x AS (
            SELECT x.*, row_number() OVER () AS n
            FROM jsonb_to_recordset(${json}::jsonb) AS x("milestoneId" uuid, "unitId" uuid, "programCode" text,
              key text, "unitCode" text, status text, "percentComplete" int, "forecastDue" date, "completedOn" date,
              blocker text, note text, "reportedAt" timestamptz, "receivedAt" timestamptz)),
          base AS (SELECT coalesce(max(seq), ${HISTORY_SEQ_BASE}) AS seq FROM milestone_update WHERE seq < 0)
          INSERT INTO milestone_update (node_unit_id, idempotency_key, seq, milestone_id, program_code, key, unit_code,
            outcome, status, percent_complete, forecast_due, completed_on, blocker, note, reported_by, reported_at, received_at)
          SELECT x."unitId", 'demo:' || x."milestoneId" || ':' || (base.seq + x.n), base.seq + x.n, x."milestoneId",
            x."programCode", x.key, x."unitCode", 'APPLIED', x.status, x."percentComplete", x."forecastDue",
            x."completedOn", x.blocker, x.note, 'demo', x."reportedAt", coalesce(x."receivedAt", x."reportedAt")
          FROM x, base`,
    );
    await run(
      this.db,
      sql`UPDATE milestone m SET status = x.status, percent_complete = x."percentComplete",
            forecast_due = x."forecastDue", completed_on = x."completedOn", blocker = x.blocker, note = x.note,
            last_reported_at = x."reportedAt",
            blocked_since = CASE WHEN x.status = 'BLOCKED' THEN x."reportedAt" END
          FROM (SELECT DISTINCT ON ("milestoneId") *
                FROM jsonb_to_recordset(${json}::jsonb) AS r("milestoneId" uuid, status text, "percentComplete" int,
                  "forecastDue" date, "completedOn" date, blocker text, note text, "reportedAt" timestamptz)
                ORDER BY "milestoneId", "reportedAt" DESC) AS x
          WHERE m.id = x."milestoneId"`,
    );
  }

  /**
   * Records the indicator values as applied, as the push would have (outcome APPLIED,
   * reported and received at the province's check-in), in one statement. Their seqs are
   * below the milestone history's (VALUE_SEQ_BASE), ordered by when they were made.
   */
  async recordIndicatorValues(values: readonly DemoIndicatorValue[]): Promise<void> {
    if (values.length === 0) return;
    await run(
      this.db,
      sql`INSERT INTO indicator_value (node_unit_id, idempotency_key, seq, indicator_id, indicator_code, unit_code,
            period, numerator, denominator, outcome, reported_at, received_at)
          SELECT x."unitId", 'demo:' || x."indicatorCode" || ':' || x.period,
            ${VALUE_SEQ_BASE} + row_number() OVER (ORDER BY x."reportedAt", x."unitCode", x."indicatorCode")::int,
            i.id, i.code, x."unitCode", x.period, x.numerator, x.denominator, 'APPLIED', x."reportedAt", x."reportedAt"
          FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS x("indicatorCode" text, "unitId" uuid,
            "unitCode" text, period text, numerator float8, denominator float8, "reportedAt" timestamptz)
          JOIN indicator i ON i.code = x."indicatorCode"`,
    );
  }

  /** Dates every milestone's creation and every plan version's publication `at`. */
  async publishedAt(at: string): Promise<void> {
    await run(this.db, centralSql.updateTable('milestone').set({ created_at: at }));
    await run(this.db, centralSql.updateTable('plan_version').set({ published_at: at }));
  }
}
