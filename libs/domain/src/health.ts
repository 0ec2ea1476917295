import { IsoDate, daysBetween } from './calendar';
import { Health, MilestoneStatus } from './vocabulary';

/** What health needs to know of a milestone: its reported state and its plan date. */
export interface MilestoneState {
  status: MilestoneStatus;
  baselineDue: IsoDate;
  forecastDue?: IsoDate | null;
  completedOn?: IsoDate | null;
}

/** Worst first (domain.md): BLOCKED, LATE, AT_RISK, ON_TRACK, DONE. */
export const HEALTH_BY_SEVERITY: readonly Health[] = [
  Health.BLOCKED,
  Health.LATE,
  Health.AT_RISK,
  Health.ON_TRACK,
  Health.DONE,
];

/** 0 is the worst. */
export function severityRank(health: Health): number {
  return HEALTH_BY_SEVERITY.indexOf(health);
}

export function worstHealth(
  healths: Iterable<Health>,
  whenEmpty: Health = Health.ON_TRACK,
): Health {
  let worst: Health | undefined;
  for (const h of healths) {
    if (worst === undefined || severityRank(h) < severityRank(worst)) worst = h;
  }
  return worst ?? whenEmpty;
}

/**
 * Whether a milestone, as a dependency, puts those that wait on it at risk:
 * it is BLOCKED, or LATE (rules 2 and 3 only, so no recursion is needed).
 */
export function holdsUpDependants(dep: MilestoneState, today: IsoDate): boolean {
  if (dep.status === MilestoneStatus.BLOCKED) return true;
  if (dep.status === MilestoneStatus.DONE || dep.status === MilestoneStatus.CANCELLED) return false;
  return today > dep.baselineDue;
}

/**
 * Health for `today`, first rule that holds (domain.md "Milestones and health").
 * A CANCELLED milestone counts in no roll-up; it reads as ON_TRACK (nothing for
 * anyone to act on) and never holds up its dependants.
 */
export function computeHealth(
  milestone: MilestoneState,
  today: IsoDate,
  dependencies: readonly MilestoneState[] = [],
): Health {
  if (milestone.status === MilestoneStatus.CANCELLED) return Health.ON_TRACK;
  if (milestone.status === MilestoneStatus.DONE) return Health.DONE;
  if (milestone.status === MilestoneStatus.BLOCKED) return Health.BLOCKED;
  if (today > milestone.baselineDue) return Health.LATE;
  const forecastSlips =
    milestone.forecastDue != null && milestone.forecastDue > milestone.baselineDue;
  if (forecastSlips || dependencies.some((d) => holdsUpDependants(d, today))) return Health.AT_RISK;
  return Health.ON_TRACK;
}

/**
 * Not done: days from baselineDue to today. Done: days from baselineDue to
 * completedOn. Never negative; 0 for CANCELLED.
 */
export function daysLate(milestone: MilestoneState, today: IsoDate): number {
  if (milestone.status === MilestoneStatus.CANCELLED) return 0;
  const end = milestone.status === MilestoneStatus.DONE ? (milestone.completedOn ?? today) : today;
  return Math.max(0, daysBetween(milestone.baselineDue, end));
}
