import { IsoDate } from './calendar';
import { HEALTH_BY_SEVERITY, worstHealth } from './health';
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

function counted(facts: readonly RollupFact[]): RollupFact[] {
  return facts.filter((f) => f.status !== MilestoneStatus.CANCELLED);
}

/** The progress roll-up of domain.md: weighted percent, counts by health, on-time rate. */
export function rollUp(facts: readonly RollupFact[], today: IsoDate): Progress {
  const live = counted(facts);
  let weighted = 0;
  let weights = 0;
  const byHealth = new Map<Health, number>();
  let due = 0;
  let onTime = 0;
  for (const f of live) {
    const percent = f.status === MilestoneStatus.DONE ? 100 : f.percentComplete;
    weighted += f.weight * percent;
    weights += f.weight;
    byHealth.set(f.health, (byHealth.get(f.health) ?? 0) + 1);
    if (f.baselineDue < today) {
      due += 1;
      if (
        f.status === MilestoneStatus.DONE &&
        f.completedOn != null &&
        f.completedOn <= f.baselineDue
      )
        onTime += 1;
    }
  }
  const count = (h: Health) => byHealth.get(h) ?? 0;
  return {
    percentComplete: weights > 0 ? round2(weighted / weights) : 0,
    total: live.length,
    done: count(Health.DONE),
    late: count(Health.LATE),
    blocked: count(Health.BLOCKED),
    atRisk: count(Health.AT_RISK),
    onTrack: count(Health.ON_TRACK),
    onTimeRate: due > 0 ? round4(onTime / due) : null,
  };
}

/**
 * DONE when every counted milestone is DONE; otherwise the worst problem health
 * (BLOCKED, LATE, AT_RISK) held by at least 10% of them; otherwise ON_TRACK.
 * DONE never wins the 10% test: a program with work left is not done.
 */
export function programHealth(facts: readonly RollupFact[]): Health {
  const live = counted(facts);
  if (live.length === 0) return Health.ON_TRACK;
  if (live.every((f) => f.health === Health.DONE)) return Health.DONE;
  for (const h of HEALTH_BY_SEVERITY) {
    if (h === Health.ON_TRACK) break;
    const share = live.filter((f) => f.health === h).length / live.length;
    if (share >= PROGRAM_HEALTH_SHARE) return h;
  }
  return Health.ON_TRACK;
}

/** A province row: its worst counted milestone's health (ON_TRACK when it has none). */
export function rowHealth(facts: readonly RollupFact[]): Health {
  return worstHealth(counted(facts).map((f) => f.health));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
