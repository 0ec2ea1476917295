import { daysLate, IsoDate } from '@tracker/domain';
import { Milestone } from './milestone.type';
import { MilestoneRow } from './milestone.row';

/** The one place a stored milestone becomes the API's Milestone. */
export function toMilestone(row: MilestoneRow, today: IsoDate): Milestone {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    status: row.status,
    health: row.health,
    percentComplete: row.percentComplete,
    baselineDue: row.baselineDue,
    forecastDue: row.forecastDue,
    completedOn: row.completedOn,
    daysLate: daysLate(row, today),
    blocker: row.blocker,
    version: row.version,
    lastReportedAt: row.lastReportedAt,
    scope: row.scope,
    note: row.note,
    programId: row.programId,
    unitId: row.unitId,
    successorId: row.successorId,
  };
}
