// The domain's closed vocabularies. String enums so that database values,
// GraphQL enum values and log lines read the same.

export enum UnitKind {
  CENTRAL_AGENCY = 'CENTRAL_AGENCY',
  PROVINCE = 'PROVINCE',
}

export enum DeliveryModel {
  CENTRALIZED = 'CENTRALIZED',
  FEDERATED = 'FEDERATED',
}

export enum MilestoneScope {
  CENTRAL = 'CENTRAL',
  PROVINCE = 'PROVINCE',
}

export enum MilestoneStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export enum Health {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  LATE = 'LATE',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
}

export enum EscalationLevel {
  DEPARTMENT = 'DEPARTMENT',
  UNIT_LEADERSHIP = 'UNIT_LEADERSHIP',
  MINISTRY = 'MINISTRY',
  MINISTER = 'MINISTER',
  GOVERNMENT = 'GOVERNMENT',
}

export enum EscalationReason {
  OVERDUE = 'OVERDUE',
  FORECAST_SLIP = 'FORECAST_SLIP',
  BLOCKED = 'BLOCKED',
  STALE_REPORT = 'STALE_REPORT',
  DEPENDENCY_LATE = 'DEPENDENCY_LATE',
}

export enum EscalationState {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

export enum UpdateOutcome {
  APPLIED = 'APPLIED',
  DUPLICATE = 'DUPLICATE',
  STALE = 'STALE',
  REJECTED = 'REJECTED',
}

export enum Role {
  PMO = 'PMO',
  LEADER = 'LEADER',
  PROVINCE_NODE = 'PROVINCE_NODE',
  AGENCY = 'AGENCY',
  OBSERVER = 'OBSERVER',
  /** Staff of one province office, on that province's node only. */
  PROVINCE_OFFICER = 'PROVINCE_OFFICER',
}

/** Lowest first: the order leaders climb. */
export const ESCALATION_LEVELS: readonly EscalationLevel[] = [
  EscalationLevel.DEPARTMENT,
  EscalationLevel.UNIT_LEADERSHIP,
  EscalationLevel.MINISTRY,
  EscalationLevel.MINISTER,
  EscalationLevel.GOVERNMENT,
];
