import { IsoDate } from './calendar';
import { HEALTH_BY_SEVERITY } from './health';
import { Health, MilestoneStatus } from './vocabulary';

/** One milestone as the roll-ups see it: health already computed for `today`. */
export interface RollupFact {
  status: MilestoneStatus;
  health: Health;
  weight: number;
  percentComplete: number;
  baselineDue: IsoDate;
  completedOn?: IsoDate | null;
}

export interface Progress {
  percentComplete: number;
  total: number;
  done: number;
  late: number;
  blocked: number;
  atRisk: number;
  onTrack: number;
  /** null when no counted milestone's baseline date has passed. */
  onTimeRate: number | null;
}

/** A program is in trouble once at least this share of its milestones is. */
export const PROGRAM_HEALTH_SHARE = 0.1;

/**
 * What the roll-ups need of a set of milestones, CANCELLED ones left out. Sums
 * add up: cells of (program, unit) make a program or a province, and a database
 * can compute them without sending every milestone.
 */
export interface ProgressSums {
  total: number;
  /** Σ weight × percent complete, a DONE milestone counting 100. */
  weighted: number;
  /** Σ weight. */
  weights: number;
  done: number;
  late: number;
  blocked: number;
  atRisk: number;
  onTrack: number;
  /** Milestones whose baseline date has passed. */
  due: number;
  /** Of those, DONE on or before the baseline date. */
  onTime: number;
}

export const NO_MILESTONES: Readonly<ProgressSums> = {
  total: 0,
  weighted: 0,
  weights: 0,
  done: 0,
  late: 0,
  blocked: 0,
  atRisk: 0,
  onTrack: 0,
  due: 0,
  onTime: 0,
};

const HEALTH_COUNT = {
  [Health.DONE]: 'done',
  [Health.LATE]: 'late',
  [Health.BLOCKED]: 'blocked',
  [Health.AT_RISK]: 'atRisk',
  [Health.ON_TRACK]: 'onTrack',
} as const satisfies Record<Health, keyof ProgressSums>;

/** The per-milestone rules of domain.md's roll-up, summed. */
export function sumFacts(facts: readonly RollupFact[], today: IsoDate): ProgressSums {
  const sums = { ...NO_MILESTONES };
  for (const f of facts) {
    if (f.status === MilestoneStatus.CANCELLED) continue;
    sums.total += 1;
    sums.weighted += f.weight * (f.status === MilestoneStatus.DONE ? 100 : f.percentComplete);
    sums.weights += f.weight;
    sums[HEALTH_COUNT[f.health]] += 1;
    if (f.baselineDue < today) {
      sums.due += 1;
      if (
        f.status === MilestoneStatus.DONE &&
        f.completedOn != null &&
        f.completedOn <= f.baselineDue
      )
        sums.onTime += 1;
    }
  }
  return sums;
}

export function addSums(a: ProgressSums, b: ProgressSums): ProgressSums {
  const sums = { ...a };
  for (const k of Object.keys(sums) as (keyof ProgressSums)[]) sums[k] += b[k];
  return sums;
}

/** The progress roll-up of domain.md: weighted percent, counts by health, on-time rate. */
export function progressOf(s: ProgressSums): Progress {
  return {
    percentComplete: s.weights > 0 ? round2(s.weighted / s.weights) : 0,
    total: s.total,
    done: s.done,
    late: s.late,
    blocked: s.blocked,
    atRisk: s.atRisk,
    onTrack: s.onTrack,
    onTimeRate: s.due > 0 ? round4(s.onTime / s.due) : null,
  };
}

export function rollUp(facts: readonly RollupFact[], today: IsoDate): Progress {
  return progressOf(sumFacts(facts, today));
}

/**
 * DONE when every counted milestone is DONE; otherwise the worst problem health
 * (BLOCKED, LATE, AT_RISK) held by at least 10% of them; otherwise ON_TRACK.
 * DONE never wins the 10% test: a program with work left is not done.
 */
export function programHealthOf(s: ProgressSums): Health {
  if (s.total === 0) return Health.ON_TRACK;
  if (s.done === s.total) return Health.DONE;
  for (const h of HEALTH_BY_SEVERITY) {
    if (h === Health.ON_TRACK) break;
    if (s[HEALTH_COUNT[h]] / s.total >= PROGRAM_HEALTH_SHARE) return h;
  }
  return Health.ON_TRACK;
}

/** A province row: its worst counted milestone's health (ON_TRACK when it has none). */
export function rowHealthOf(s: ProgressSums): Health {
  return HEALTH_BY_SEVERITY.find((h) => s[HEALTH_COUNT[h]] > 0) ?? Health.ON_TRACK;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
