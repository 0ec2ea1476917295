import { Health, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { healthSql } from './health.sql';

/** One milestone as read from the database, health computed for the query's date. */
export interface MilestoneRow {
  id: string;
  programId: string;
  programCode: string;
  planItemId: string;
  unitId: string;
  unitCode: string;
  key: string;
  title: string;
  scope: MilestoneScope;
  weight: number;
  status: MilestoneStatus;
  percentComplete: number;
  baselineDue: string;
  forecastDue: string | null;
  completedOn: string | null;
  blocker: string | null;
  note: string | null;
  version: number;
  lastReportedAt: Date | null;
  health: Health;
  titleFolded: string;
  unitNameFolded: string;
}

/** SELECT … FROM for MilestoneRow; `today` is the parameter holding the central date. */
export function milestoneSelect(today: string): string {
  return `SELECT m.id, m.program_id AS "programId", p.code AS "programCode", m.plan_item_id AS "planItemId",
      m.unit_id AS "unitId", u.code AS "unitCode", pi.key, pi.title, pi.scope, pi.weight,
      m.status, m.percent_complete AS "percentComplete", pi.baseline_due AS "baselineDue",
      m.forecast_due AS "forecastDue", m.completed_on AS "completedOn", m.blocker, m.note, m.version,
      m.last_reported_at AS "lastReportedAt", ${healthSql(today)} AS health,
      pi.title_folded AS "titleFolded", u.name_folded AS "unitNameFolded"
    FROM milestone m
    JOIN plan_item pi ON pi.id = m.plan_item_id
    JOIN program p ON p.id = m.program_id
    JOIN unit u ON u.id = m.unit_id`;
}
