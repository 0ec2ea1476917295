import { EscalationLevel, EscalationReason, EscalationState } from '@tracker/domain';
import { Escalation } from './escalation.type';

/** An escalation as read, with what scope checks and sorting need. */
export interface EscalationRow {
  id: string;
  milestoneId: string;
  reason: EscalationReason;
  level: EscalationLevel;
  state: EscalationState;
  ageDays: number;
  waitingUnits: number;
  openedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  note: string | null;
  resolution: 'MANUAL' | 'AUTO' | null;
  levelRank: number;
  unitCode: string;
  ownerCode: string;
}

export const LEVEL_ARRAY = `ARRAY['DEPARTMENT','UNIT_LEADERSHIP','MINISTRY','MINISTER','GOVERNMENT']`;

export const ESCALATION_SELECT = `SELECT e.id, e.milestone_id AS "milestoneId", e.reason, e.level, e.state, e.age_days AS "ageDays",
    e.waiting_units AS "waitingUnits", e.opened_at AS "openedAt", e.acknowledged_at AS "acknowledgedAt",
    e.acknowledged_by AS "acknowledgedBy", e.resolved_at AS "resolvedAt", e.note, e.resolution,
    array_position(${LEVEL_ARRAY}, e.level) AS "levelRank", u.code AS "unitCode", o.code AS "ownerCode"
  FROM escalation e
  JOIN milestone m ON m.id = e.milestone_id
  JOIN unit u ON u.id = m.unit_id
  JOIN program p ON p.id = m.program_id
  JOIN unit o ON o.id = p.owner_unit_id`;

export function toEscalation(row: EscalationRow): Escalation {
  return {
    id: row.id,
    milestoneId: row.milestoneId,
    level: row.level,
    reason: row.reason,
    state: row.state,
    openedAt: row.openedAt,
    ageDays: row.ageDays,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    resolvedAt: row.resolvedAt,
    note: row.note,
    waitingUnits: row.waitingUnits,
  };
}
