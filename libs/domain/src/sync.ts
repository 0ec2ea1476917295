import { IsoDate } from './calendar';
import { DomainError } from './errors';
import { ProgressReport, validateReport } from './report';
import { MilestoneStatus, UpdateOutcome } from './vocabulary';

/** One update as a node pushed it. */
export interface IncomingUpdate {
  idempotencyKey: string;
  seq: number;
  report: ProgressReport;
  /** The calendar day (Việt Nam) of the update's reportedAt. */
  reportDate: IsoDate;
}

/** The milestone an update names, as it stands (locked) before the batch. */
export interface TargetMilestone {
  id: string;
  status: MilestoneStatus;
  /** The highest seq applied so far. */
  version: number;
}

/** What the centre recorded for an idempotency key the first time it saw it. */
export interface PriorRecord {
  outcome: UpdateOutcome;
  reason: string | null;
  milestoneId: string | null;
}

export interface Decision {
  idempotencyKey: string;
  outcome: UpdateOutcome;
  reason: string | null;
  milestoneId: string | null;
  /** DUPLICATE: the outcome recorded the first time; otherwise the outcome itself. */
  firstOutcome: UpdateOutcome;
  /** New records are written to history; a DUPLICATE writes nothing. */
  record: boolean;
  /** APPLIED: the report as stored (completedOn defaulted). */
  applied?: ProgressReport;
}

/** The reporting unit's end, when it was merged: reports dated after it belong to its successor. */
export interface UnitEnd {
  /** The ended unit, as people know it: "Hà Giang (02)". */
  unit: string;
  /** Its last day. */
  lastDay: IsoDate;
  /** The unit that carries it on: "Tuyên Quang (08)". */
  successor: string;
}

/**
 * Decides every update of a batch, in input order (domain.md "Sync"):
 * DUPLICATE when its key was seen before from this node (in an earlier batch or
 * earlier in this one); REJECTED when it names no milestone, a CANCELLED one, or
 * breaks a report rule, or is dated after its unit ended in a merger (`ended`); STALE when its seq is not above what the milestone already
 * reflects; APPLIED otherwise. `today` is the central clock's date: a completion
 * can be neither after the report nor after today.
 */
export function decideBatch(
  updates: readonly IncomingUpdate[],
  targetOf: (update: IncomingUpdate) => TargetMilestone | undefined,
  prior: ReadonlyMap<string, PriorRecord>,
  today: IsoDate,
  ended?: UnitEnd,
): Decision[] {
  const seen = new Map(prior);
  const versions = new Map<string, number>();
  return updates.map((u) => {
    const before = seen.get(u.idempotencyKey);
    if (before) {
      return {
        idempotencyKey: u.idempotencyKey,
        outcome: UpdateOutcome.DUPLICATE,
        reason: before.reason,
        milestoneId: before.milestoneId,
        firstOutcome: before.outcome,
        record: false,
      };
    }
    const decision = decideOne(u, targetOf(u), versions, today, ended);
    seen.set(u.idempotencyKey, decision);
    return decision;
  });
}

function decideOne(
  u: IncomingUpdate,
  target: TargetMilestone | undefined,
  versions: Map<string, number>,
  today: IsoDate,
  ended: UnitEnd | undefined,
): Decision {
  const base = { idempotencyKey: u.idempotencyKey, record: true };
  const reject = (reason: string, milestoneId: string | null = target?.id ?? null): Decision => ({
    ...base,
    outcome: UpdateOutcome.REJECTED,
    firstOutcome: UpdateOutcome.REJECTED,
    reason,
    milestoneId,
  });
  if (ended && u.reportDate > ended.lastDay)
    return reject(
      `${ended.unit} was merged into ${ended.successor} after ${ended.lastDay}; a report dated ${u.reportDate} is for ${ended.successor}, from its node`,
    );
  if (!target) return reject('unknown milestone: no such program, key and unit', null);
  if (target.status === MilestoneStatus.CANCELLED)
    return reject('the milestone was cancelled by a newer plan');
  let applied: ProgressReport;
  try {
    applied = validateReport(u.report, u.reportDate < today ? u.reportDate : today);
  } catch (e) {
    if (e instanceof DomainError) return reject(`${e.field ?? 'report'}: ${e.message}`);
    throw e;
  }
  const version = versions.get(target.id) ?? target.version;
  if (u.seq <= version) {
    return {
      ...base,
      outcome: UpdateOutcome.STALE,
      firstOutcome: UpdateOutcome.STALE,
      reason: `seq ${u.seq} is not above ${version}, which the milestone already reflects`,
      milestoneId: target.id,
    };
  }
  versions.set(target.id, u.seq);
  return {
    ...base,
    outcome: UpdateOutcome.APPLIED,
    firstOutcome: UpdateOutcome.APPLIED,
    reason: null,
    milestoneId: target.id,
    applied,
  };
}

/** A node's seqs only grow: a batch out of order is a broken node, refused whole. */
export function checkBatchOrder(seqs: readonly number[], list = 'updates'): void {
  for (let i = 1; i < seqs.length; i += 1) {
    if (seqs[i] <= seqs[i - 1]) {
      throw DomainError.badInput(
        `${list}[${i}].seq`,
        `seqs must strictly increase within a batch (${seqs[i - 1]} then ${seqs[i]})`,
      );
    }
  }
}

/** A node's pause before retrying after `failures` failed rounds in a row. */
export const BACKOFF = {
  baseMs: 1000,
  /** A node offline for days still tries about once a minute. */
  capMs: 60_000,
} as const;

/**
 * Exponential backoff with jitter: the n-th failure waits up to base × 2^(n-1),
 * capped, and a random half of it, so 63 nodes coming back at once do not retry
 * in step. `random` is a number in [0, 1).
 */
export function backoffDelay(failures: number, random: number): number {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
