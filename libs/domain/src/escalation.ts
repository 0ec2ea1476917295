import { IsoDate, daysBetween } from './calendar';
import { DomainError } from './errors';
import {
  ESCALATION_LEVELS,
  EscalationLevel,
  EscalationReason,
  EscalationState,
  Health,
  MilestoneStatus,
} from './vocabulary';

const { DEPARTMENT, UNIT_LEADERSHIP, MINISTRY, MINISTER, GOVERNMENT } = EscalationLevel;

/** From `days` of age on, the condition is a matter for `level`. */
export interface Step {
  days: number;
  level: EscalationLevel;
}

/** When each reason escalates to whom. A program may override any part (stored with it). */
export interface EscalationPolicy {
  overdue: Step[];
  blocked: Step[];
  /** A forecast more than this many days after the baseline is a slip. */
  forecastSlipDays: number;
  forecastSlipLevel: EscalationLevel;
  stale: Step[];
  /** No report for this many days is a stale report. */
  staleDays: number;
  dependencyLateLevel: EscalationLevel;
}

/** domain.md's table of default thresholds. */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  overdue: [
    { days: 1, level: DEPARTMENT },
    { days: 15, level: UNIT_LEADERSHIP },
    { days: 30, level: MINISTRY },
    { days: 60, level: MINISTER },
    { days: 90, level: GOVERNMENT },
  ],
  blocked: [
    { days: 1, level: DEPARTMENT },
    { days: 7, level: UNIT_LEADERSHIP },
    { days: 21, level: MINISTRY },
    { days: 45, level: MINISTER },
  ],
  forecastSlipDays: 30,
  forecastSlipLevel: MINISTRY,
  stale: [
    { days: 30, level: DEPARTMENT },
    { days: 60, level: UNIT_LEADERSHIP },
  ],
  staleDays: 30,
  dependencyLateLevel: MINISTER,
};

export function levelRank(level: EscalationLevel): number {
  return ESCALATION_LEVELS.indexOf(level);
}

/** The highest step the age has reached, or null below the first. */
export function levelForAge(steps: readonly Step[], ageDays: number): EscalationLevel | null {
  let level: EscalationLevel | null = null;
  for (const step of steps) if (ageDays >= step.days) level = step.level;
  return level;
}

/** A program's policy: the defaults with its stored overrides on top, checked. */
export function resolvePolicy(
  overrides: Partial<EscalationPolicy> | null | undefined,
): EscalationPolicy {
  const policy = { ...DEFAULT_ESCALATION_POLICY, ...(overrides ?? {}) };
  for (const name of ['overdue', 'blocked', 'stale'] as const) {
    const steps = policy[name];
    const ordered = steps.every(
      (s, i) =>
        i === 0 ||
        (s.days > steps[i - 1].days && levelRank(s.level) > levelRank(steps[i - 1].level)),
    );
    if (
      !ordered ||
      steps.some((s) => !Number.isInteger(s.days) || s.days < 0 || levelRank(s.level) < 0)
    ) {
      throw DomainError.badInput(`escalationPolicy.${name}`, 'steps rise in both days and level');
    }
  }
  return policy;
}

/** What the engine knows of one milestone when it evaluates. */
export interface EscalationFacts {
  milestoneId: string;
  status: MilestoneStatus;
  health: Health;
  baselineDue: IsoDate;
  forecastDue: IsoDate | null;
  /** The day the update that set BLOCKED was reported (Việt Nam), when BLOCKED. */
  blockedSince: IsoDate | null;
  /** The day of the latest applied report, or of the milestone's creation when never reported. */
  lastReportOn: IsoDate;
  /** CENTRAL milestones: provinces with an open milestone that depends on this one. */
  waitingUnits: number;
}

export interface DesiredEscalation {
  milestoneId: string;
  reason: EscalationReason;
  level: EscalationLevel;
  ageDays: number;
  waitingUnits: number;
}

/** Every escalation the rules call for on one milestone today (domain.md "Escalations"). */
export function desiredEscalations(
  f: EscalationFacts,
  policy: EscalationPolicy,
  today: IsoDate,
): DesiredEscalation[] {
  if (f.status === MilestoneStatus.DONE || f.status === MilestoneStatus.CANCELLED) return [];
  const out: DesiredEscalation[] = [];
  const want = (
    reason: EscalationReason,
    level: EscalationLevel | null,
    ageDays: number,
    waitingUnits = 0,
  ) => {
    if (level) out.push({ milestoneId: f.milestoneId, reason, level, ageDays, waitingUnits });
  };
  if (f.health === Health.LATE) {
    const age = daysBetween(f.baselineDue, today);
    want(EscalationReason.OVERDUE, levelForAge(policy.overdue, age), age);
    if (f.waitingUnits > 0)
      want(EscalationReason.DEPENDENCY_LATE, policy.dependencyLateLevel, age, f.waitingUnits);
  }
  if (f.status === MilestoneStatus.BLOCKED && f.blockedSince) {
    const age = Math.max(0, daysBetween(f.blockedSince, today));
    want(EscalationReason.BLOCKED, levelForAge(policy.blocked, age), age);
  }
  if (f.forecastDue) {
    const slip = daysBetween(f.baselineDue, f.forecastDue);
    if (slip > policy.forecastSlipDays)
      want(EscalationReason.FORECAST_SLIP, policy.forecastSlipLevel, slip);
  }
  const silent = Math.max(0, daysBetween(f.lastReportOn, today));
  if (silent >= policy.staleDays)
    want(EscalationReason.STALE_REPORT, levelForAge(policy.stale, silent), silent);
  return out;
}

/** An escalation as stored, for reconciling. */
export interface KnownEscalation {
  id: string;
  milestoneId: string;
  reason: EscalationReason;
  state: EscalationState;
  level: EscalationLevel;
  ageDays: number;
  waitingUnits: number;
  /** RESOLVED ones: resolved by a person (MANUAL) or because the condition cleared (AUTO). */
  resolution: 'MANUAL' | 'AUTO' | null;
}

export type EscalationAction =
  | { kind: 'OPEN'; desired: DesiredEscalation }
  /** Level up; an ACKNOWLEDGED one is re-opened: a worsening problem is never hidden by an old acknowledgement. */
  | { kind: 'RAISE'; id: string; desired: DesiredEscalation; reopen: boolean }
  /** Level down, e.g. the PMO moved the date: no re-open. */
  | { kind: 'LOWER'; id: string; desired: DesiredEscalation }
  /** Same level, new age or waiting count. */
  | { kind: 'REFRESH'; id: string; desired: DesiredEscalation }
  | { kind: 'AUTO_RESOLVE'; id: string; note: string };

const CLEARED: Record<EscalationReason, string> = {
  OVERDUE: 'Resolved automatically: the milestone is no longer late.',
  BLOCKED: 'Resolved automatically: the milestone is no longer blocked.',
  FORECAST_SLIP: 'Resolved automatically: the forecast is back within the allowed slip.',
  STALE_REPORT: 'Resolved automatically: the milestone has been reported on.',
  DEPENDENCY_LATE:
    'Resolved automatically: the central milestone is no longer late, or no province waits on it.',
};

/**
 * What to do so that the stored escalations of the evaluated milestones match the
 * desired ones: one live escalation per (milestone, reason); a hand-resolved one
 * comes back only above the level it was resolved at.
 */
export function reconcileEscalations(
  desired: readonly DesiredEscalation[],
  known: readonly KnownEscalation[],
  milestoneIds: readonly string[],
): EscalationAction[] {
  const key = (m: string, r: EscalationReason) => `${m}/${r}`;
  const live = new Map<string, KnownEscalation>();
  const handResolvedLevel = new Map<string, number>();
  for (const k of known) {
    if (k.state !== EscalationState.RESOLVED) live.set(key(k.milestoneId, k.reason), k);
    else if (k.resolution === 'MANUAL') {
      const rank = levelRank(k.level);
      const kk = key(k.milestoneId, k.reason);
      handResolvedLevel.set(kk, Math.max(rank, handResolvedLevel.get(kk) ?? -1));
    }
  }
  const actions: EscalationAction[] = [];
  const wanted = new Set<string>();
  for (const d of desired) {
    const k = key(d.milestoneId, d.reason);
    wanted.add(k);
    const current = live.get(k);
    if (!current) {
      if (levelRank(d.level) > (handResolvedLevel.get(k) ?? -1))
        actions.push({ kind: 'OPEN', desired: d });
      continue;
    }
    const delta = levelRank(d.level) - levelRank(current.level);
    if (delta > 0)
      actions.push({
        kind: 'RAISE',
        id: current.id,
        desired: d,
        reopen: current.state === EscalationState.ACKNOWLEDGED,
      });
    else if (delta < 0) actions.push({ kind: 'LOWER', id: current.id, desired: d });
    else if (d.ageDays !== current.ageDays || d.waitingUnits !== current.waitingUnits)
      actions.push({ kind: 'REFRESH', id: current.id, desired: d });
  }
  const scope = new Set(milestoneIds);
  for (const [k, current] of live) {
    if (scope.has(current.milestoneId) && !wanted.has(k)) {
      actions.push({ kind: 'AUTO_RESOLVE', id: current.id, note: CLEARED[current.reason] });
    }
  }
  return actions;
}

/** Who may acknowledge or resolve (domain.md "Who may act"). */
export interface EscalationScope {
  level: EscalationLevel;
  /** The milestone's unit code and the program owner's code. */
  unitCode: string;
  ownerCode: string;
}

export interface LeaderSeat {
  level: EscalationLevel;
  /** A province code, an agency code, or undefined for GOVERNMENT. */
  unit?: string;
}

/**
 * A leader may act at or below their level, within their scope: a province's
 * leadership on that province's milestones, a ministry or minister on programs
 * their agency owns, the government on everything.
 */
export function leaderMayAct(seat: LeaderSeat, esc: EscalationScope): boolean {
  if (levelRank(esc.level) > levelRank(seat.level)) return false;
  if (seat.level === EscalationLevel.GOVERNMENT) return true;
  return seat.unit === esc.unitCode || seat.unit === esc.ownerCode;
}
