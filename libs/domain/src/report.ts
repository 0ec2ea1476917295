import { IsoDate, isIsoDate } from './calendar';
import { DomainError } from './errors';
import { MilestoneStatus } from './vocabulary';

/** What a milestone's owner reports (province node or central agency). */
export interface ProgressReport {
  status: MilestoneStatus;
  percentComplete: number;
  forecastDue?: IsoDate | null;
  completedOn?: IsoDate | null;
  blocker?: string | null;
  note?: string | null;
}

export const REPORT_LIMITS = {
  /** A blocker is a headline a leader reads in a queue, not a memo. */
  maxBlockerLength: 500,
  maxNoteLength: 2000,
} as const;

/**
 * The one set of rules a report must satisfy, applied by the province node before
 * it records and by the central app before it applies. Answers the report as it
 * is stored (completedOn defaulted for DONE) or throws BAD_USER_INPUT with the field.
 * `reportDate` is the day the report was made, by the reporter's clock.
 */
export function validateReport(report: ProgressReport, reportDate: IsoDate): ProgressReport {
  const { status, percentComplete } = report;
  if (!Number.isInteger(percentComplete) || percentComplete < 0 || percentComplete > 100) {
    throw DomainError.badInput(
      'percentComplete',
      'percentComplete is a whole number from 0 to 100',
    );
  }
  if (status === MilestoneStatus.CANCELLED) {
    throw DomainError.badInput(
      'status',
      'CANCELLED is set by the PMO when a plan drops an item, not reported',
    );
  }
  for (const field of ['forecastDue', 'completedOn'] as const) {
    const value = report[field];
    if (value != null && !isIsoDate(value))
      throw DomainError.badInput(field, `not a calendar date: ${value}`);
  }
  const blocker = report.blocker?.trim() || null;
  const note = report.note?.trim() || null;
  if (blocker && blocker.length > REPORT_LIMITS.maxBlockerLength) {
    throw DomainError.badInput(
      'blocker',
      `a blocker is at most ${REPORT_LIMITS.maxBlockerLength} characters`,
    );
  }
  if (note && note.length > REPORT_LIMITS.maxNoteLength) {
    throw DomainError.badInput(
      'note',
      `a note is at most ${REPORT_LIMITS.maxNoteLength} characters`,
    );
  }
  if (status === MilestoneStatus.DONE && percentComplete !== 100) {
    throw DomainError.badInput('percentComplete', 'DONE requires percentComplete 100');
  }
  if (status === MilestoneStatus.BLOCKED && !blocker) {
    throw DomainError.badInput('blocker', 'BLOCKED requires a blocker: say what is in the way');
  }
  let completedOn = report.completedOn ?? null;
  if (status === MilestoneStatus.DONE) {
    completedOn ??= reportDate;
    if (completedOn > reportDate) {
      throw DomainError.badInput('completedOn', `completedOn ${completedOn} is in the future`);
    }
  } else if (completedOn != null) {
    throw DomainError.badInput('completedOn', 'completedOn is only for a DONE report');
  }
  return {
    status,
    percentComplete,
    forecastDue: report.forecastDue ?? null,
    completedOn,
    blocker,
    note,
  };
}

/** How long a milestone has been BLOCKED is counted from the report that blocked it. */
export interface BlockedState<T> {
  status: MilestoneStatus | string;
  /** When it became BLOCKED; null when it is not BLOCKED. */
  blockedSince: T | null;
}

/**
 * The blocked-since mark after an applied report: kept while a milestone stays
 * BLOCKED (a second BLOCKED report does not restart the count), set at the report
 * that blocks it, cleared by any report that unblocks it.
 */
export function afterReport<T>(
  before: BlockedState<T>,
  next: MilestoneStatus | string,
  reportedAt: T,
): BlockedState<T> {
  if (next !== MilestoneStatus.BLOCKED) return { status: next, blockedSince: null };
  if (before.status === MilestoneStatus.BLOCKED && before.blockedSince !== null)
    return { status: next, blockedSince: before.blockedSince };
  return { status: next, blockedSince: reportedAt };
}
