import { EscalationLevel, EscalationReason, EscalationState } from '@tracker/domain';
import { centralSql } from '@tracker/persistence';
import { sql } from 'kysely';
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

/** The levels lowest first: a level's rank is its position here (1-based). */
const LEVELS = sql.raw(`ARRAY['DEPARTMENT','UNIT_LEADERSHIP','MINISTRY','MINISTER','GOVERNMENT']`);

/** The escalation's (alias e) level as a rank, 1 (DEPARTMENT) to 5 (GOVERNMENT). */
export const levelRankSql = sql<number>`array_position(${LEVELS}, e.level)`;

/** Escalations (e) with their milestone (m), unit (u), program (p) and the program's owner (o), as EscalationRow. */
export function escalationRows() {
  return centralSql
    .selectFrom('escalation as e')
    .innerJoin('milestone as m', 'm.id', 'e.milestone_id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('program as p', 'p.id', 'm.program_id')
    .innerJoin('unit as o', 'o.id', 'p.owner_unit_id')
    .select([
      'e.id',
      'e.milestone_id as milestoneId',
      'e.reason',
      'e.level',
      'e.state',
      'e.age_days as ageDays',
      'e.waiting_units as waitingUnits',
      'e.opened_at as openedAt',
      'e.acknowledged_at as acknowledgedAt',
      'e.acknowledged_by as acknowledgedBy',
      'e.resolved_at as resolvedAt',
      'e.note',
      'e.resolution',
      levelRankSql.as('levelRank'),
      'u.code as unitCode',
      'o.code as ownerCode',
    ])
    .$narrowType<{
      reason: EscalationReason;
      level: EscalationLevel;
      state: EscalationState;
      resolution: 'MANUAL' | 'AUTO' | null;
    }>();
}

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
