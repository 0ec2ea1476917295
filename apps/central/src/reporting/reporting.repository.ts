import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  firstDayOf,
  IsoDate,
  lastDayOf,
  Period,
  UnitKind,
  UnitReportingCounts,
} from '@tracker/domain';
import { centralSql, rows } from '@tracker/persistence';
import { RawBuilder, sql } from 'kysely';
import { DataSource } from 'typeorm';
import { indicatorReporters } from '../indicators/indicators.repository';
import {
  asOfCtes,
  derivedStateSql,
  endOfVietnamDay,
  ReadDay,
  readDay,
} from '../milestones/as-of.sql';
import { keptMilestones } from '../milestones/kept-days';
import { unitExistsOn } from '../units/units.repository';

export interface CompletenessQuery {
  period: Period;
  /** Only this program's milestones and indicators; all when absent. */
  programId?: string;
  /** Each program's deadline day for the month (domain deadlineOf). */
  deadlines: readonly { programId: string; due: IsoDate }[];
  /** National indicators' (no program) deadline. */
  defaultDue: IsoDate;
  today: IsoDate;
}

/** Counted reports: sent by the province (STALE was sent, only superseded); REJECTED was refused. */
const COUNTED = sql.raw(`('APPLIED', 'STALE')`);

/**
 * What each province expected to report for the month, received and received on
 * time, counted per unit in one statement (the domain ranks and sums).
 * - units: the provinces existing on the month's last day: owesMonth's units
 *   (the domain checks it again).
 * - milestones: the unit's, of a plan item published by the end of the month,
 *   not DONE or CANCELLED at the end of the day before the month (the as-of
 *   shadows of that day, kept or rebuilt); a successor begun since has no state that day: its
 *   predecessors' then, derived as the reorganisation derives it (all DONE: DONE),
 *   so a new milestone without predecessors is open. Received: a counted report
 *   dated (reportedAt) within the month, on it or on a predecessor it carries on;
 *   the first receipt decides timeliness.
 * - indicators: a unit owes a value for the month of each indicator it reports
 *   (indicatorReporters: every PROVINCES one, none its owner reports nationally);
 *   received: a counted value for that period from the unit's node.
 * On time: received at the centre before the end (Việt Nam time) of its
 * program's deadline day. In unit code order: the domain's ranking is stable, so
 * provinces that tie stay in code order.
 * Every step is an index lookup per owed milestone, so the cost follows the
 * owed milestones and the month's reports, not every milestone or report ever:
 * receipts are a range of the month's reports of a milestone (index
 * milestone_update_reported_idx), values a range of the month's per indicator
 * (indicator_value_series_idx leads with the indicator: hence the indicators
 * named, else every month's values were read); the owed set (with the
 * milestones each carries on, read from the table before the shadows hide it) is
 * MATERIALIZED once; the start-of-month state is looked up by id through the
 * (not materialised) shadow; receipts by milestone id. The subjects are
 * MATERIALIZED too: PostgreSQL, misjudging the CTEs' sizes, otherwise recomputed
 * them once per province in a nested loop (EXPLAIN ANALYZE on the demo), as it
 * rescanned the owed set once per report when receipts were a join.
 */
const provinces = () =>
  centralSql
    .selectFrom('unit as u')
    .select(['u.id', 'u.valid_from as validFrom', 'u.valid_to as validTo'])
    .where('u.kind', '=', UnitKind.PROVINCE);

function completenessSql(
  q: CompletenessQuery,
  monthStart: ReadDay,
): RawBuilder<UnitReportingCounts> {
  const first = firstDayOf(q.period);
  const last = lastDayOf(q.period);
  const start = endOfVietnamDay(addDays(first, -1));
  const end = endOfVietnamDay(last);
  const onlyProgram = (column: string) =>
    q.programId ? sql`AND ${sql.ref(column)} = ${q.programId}::uuid` : sql``;
  const dueEnds = q.deadlines.map((d) => endOfVietnamDay(d.due));
  return sql<UnitReportingCounts>`WITH
    reporters AS MATERIALIZED (${provinces().where(unitExistsOn(last))}),
    deadline AS (SELECT * FROM unnest(${q.deadlines.map((d) => d.programId)}::uuid[],
      ${dueEnds}::timestamptz[]) AS d(program_id, due_end)),
    owed AS MATERIALIZED (
      SELECT m.id, m.unit_id, d.due_end,
        m.id || ARRAY(SELECT p.id FROM milestone p WHERE p.successor_id = m.id) AS sources
      FROM milestone m JOIN reporters r ON r.id = m.unit_id
      JOIN plan_item pi ON pi.id = m.plan_item_id
      JOIN deadline d ON d.program_id = m.program_id
      WHERE EXISTS (SELECT 1 FROM plan_version pv WHERE pv.program_id = m.program_id
          AND pv.version = pi.added_in_version AND pv.published_at < ${end}::timestamptz)
        ${onlyProgram('m.program_id')}),
    ${asOfCtes(monthStart)}
    subject AS MATERIALIZED (
      SELECT o.unit_id, o.due_end,
        (SELECT min(r.received_at) FROM milestone_update r
         WHERE r.milestone_id = ANY (o.sources) AND r.outcome IN ${COUNTED}
           AND r.reported_at >= ${start}::timestamptz AND r.reported_at < ${end}::timestamptz
        ) AS first_received
      FROM owed o
      LEFT JOIN milestone s ON s.id = o.id
      LEFT JOIN LATERAL (
        ${derivedStateSql('p')}
        FROM (SELECT pu.name AS unit_name, pu.code AS unit_code, pm.status, pm.percent_complete,
                pm.forecast_due, pm.completed_on, pm.blocker, pm.last_reported_at AS reported_at
              FROM milestone pm JOIN unit pu ON pu.id = pm.unit_id
              WHERE pm.successor_id = o.id AND s.id IS NULL) p
      ) d ON s.id IS NULL
      WHERE COALESCE(s.status, d.status) NOT IN ('DONE', 'CANCELLED')
      UNION ALL
      SELECT r.id, COALESCE(d.due_end, ${endOfVietnamDay(q.defaultDue)}::timestamptz), v.first_received
      FROM reporters r JOIN (${indicatorReporters()}) ir ON ir.id = r.id
      JOIN indicator i ON i.id = ir."indicatorId"
      LEFT JOIN deadline d ON d.program_id = i.program_id
      LEFT JOIN (SELECT indicator_id, node_unit_id, min(received_at) AS first_received
                 FROM indicator_value WHERE indicator_id = ANY (ARRAY(SELECT id FROM indicator))
                   AND period = ${q.period} AND outcome IN ${COUNTED}
                 GROUP BY indicator_id, node_unit_id) v
        ON v.indicator_id = i.id AND v.node_unit_id = r.id
      WHERE true ${onlyProgram('i.program_id')}),
    per_unit AS (
      SELECT unit_id, count(*)::int AS expected, count(first_received)::int AS received,
        count(*) FILTER (WHERE first_received < due_end)::int AS "onTime"
      FROM subject GROUP BY unit_id)
    SELECT r.id AS "unitId", r."validFrom", r."validTo", COALESCE(n.expected, 0) AS expected,
      COALESCE(n.received, 0) AS received, COALESCE(n."onTime", 0) AS "onTime"
    FROM reporters r JOIN unit u ON u.id = r.id LEFT JOIN per_unit n ON n.unit_id = r.id
    ORDER BY u.code COLLATE "C"`;
}

@Injectable()
export class ReportingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The state before the month is read from the kept milestones of that day once the
   * day is two days gone (kept-days.ts): rebuilt once, not walked back from every
   * later report of every owed milestone on each read.
   */
  async unitCounts(q: CompletenessQuery): Promise<UnitReportingCounts[]> {
    const dayBefore = readDay(addDays(firstDayOf(q.period), -1), {
      today: q.today,
      maintainedDay: null,
    });
    const monthStart = await keptMilestones(this.db, dayBefore, q.programId ? [q.programId] : null);
    return rows(this.db, completenessSql(q, monthStart));
  }
}
