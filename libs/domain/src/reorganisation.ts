import { addDays, IsoDate, isIsoDate } from './calendar';
import { DomainError } from './errors';
import { MilestoneStatus, UnitKind } from './vocabulary';

/** A unit as it stands on one day. */
export interface UnitOnDay {
  code: string;
  name: string;
  kind: UnitKind;
}

/** One line of a merger map: the unit that begins, and the units it takes over. */
export interface UnitMerger {
  successor: UnitOnDay;
  /** Codes of units existing the day before effectiveOn. */
  predecessorCodes: string[];
}

export interface MergerMap {
  effectiveOn: IsoDate;
  mergers: UnitMerger[];
}

/** What applying a map does to the units (domain.md "Reorganisation"). */
export interface ReorganisationPlan {
  effectiveOn: IsoDate;
  /** The day every ended unit is last valid. */
  lastDayBefore: IsoDate;
  /** Units that begin on effectiveOn, each with the codes it takes over. */
  newUnits: { unit: UnitOnDay; predecessorCodes: string[] }[];
  /** Codes of units that end the day before, with the new unit's code each passes to. */
  ended: { code: string; successorCode: string }[];
  /** Codes listed as their own sole successor, same name: they simply continue. */
  continuing: string[];
}

const CODE = /^[A-Z0-9_]{1,16}$/;

/**
 * The map in one canonical text (its date, its mergers by successor code, each
 * predecessor list sorted, names trimmed): two maps that do the same have the same
 * text, whatever their order, so the same map is recognised when applied twice.
 */
export function canonicalMergerMap(map: MergerMap): string {
  const mergers = map.mergers
    .map((m) => ({
      code: m.successor.code,
      name: m.successor.name.trim(),
      kind: m.successor.kind,
      from: [...m.predecessorCodes].sort(),
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return JSON.stringify({ effectiveOn: map.effectiveOn, mergers });
}

/**
 * Checks a merger map against the units that exist the day before it takes effect
 * and says what it does. Refused, with the offending field: a unit merged twice, a
 * predecessor that does not exist then, a merger across kinds, and two units that
 * would bear one code on one day.
 */
export function planReorganisation(
  map: MergerMap,
  existingDayBefore: readonly UnitOnDay[],
): ReorganisationPlan {
  if (!isIsoDate(map.effectiveOn))
    throw DomainError.badInput('effectiveOn', 'effectiveOn is a date, YYYY-MM-DD');
  if (map.mergers.length === 0)
    throw DomainError.badInput('mergers', 'a reorganisation merges at least one unit');
  const lastDayBefore = addDays(map.effectiveOn, -1);
  const existing = new Map(existingDayBefore.map((u) => [u.code, u]));
  const mergedInto = new Map<string, number>();
  const plan: ReorganisationPlan = {
    effectiveOn: map.effectiveOn,
    lastDayBefore,
    newUnits: [],
    ended: [],
    continuing: [],
  };

  map.mergers.forEach((merger, i) => {
    const at = `mergers[${i}]`;
    const { successor, predecessorCodes } = merger;
    if (!CODE.test(successor.code))
      throw DomainError.badInput(
        `${at}.successor.code`,
        'a unit code is 1-16 upper-case letters, digits or _',
      );
    if (!successor.name.trim())
      throw DomainError.badInput(`${at}.successor.name`, 'a unit needs a name');
    if (predecessorCodes.length === 0)
      throw DomainError.badInput(`${at}.predecessorCodes`, 'a merger takes over at least one unit');
    for (const code of predecessorCodes) {
      const unit = existing.get(code);
      if (!unit)
        throw DomainError.badInput(
          `${at}.predecessorCodes`,
          `no unit ${code} exists on ${lastDayBefore}, the day before the merger`,
        );
      if (unit.kind !== successor.kind)
        throw DomainError.badInput(
          `${at}.predecessorCodes`,
          `${code} (${unit.name}) is a ${unit.kind}; it cannot merge into a ${successor.kind}`,
        );
      const earlier = mergedInto.get(code);
      if (earlier !== undefined)
        throw DomainError.badInput(
          `${at}.predecessorCodes`,
          `${code} (${unit.name}) is merged twice on ${map.effectiveOn}: also in mergers[${earlier}]`,
        );
      mergedInto.set(code, i);
    }
    const [sole] = predecessorCodes;
    const only = predecessorCodes.length === 1 ? existing.get(sole)! : undefined;
    if (only && only.code === successor.code && only.name === successor.name.trim()) {
      plan.continuing.push(sole);
      return;
    }
    plan.newUnits.push({
      unit: { ...successor, name: successor.name.trim() },
      predecessorCodes: [...predecessorCodes],
    });
    for (const code of predecessorCodes) plan.ended.push({ code, successorCode: successor.code });
  });

  refuseSharedCodes(map, plan, existing);
  return plan;
}

/** Codes are unique per day: a new unit's code may be a predecessor's, not a unit's that lives on. */
function refuseSharedCodes(
  map: MergerMap,
  plan: ReorganisationPlan,
  existing: ReadonlyMap<string, UnitOnDay>,
): void {
  const ending = new Set(plan.ended.map((e) => e.code));
  const taken = new Map<string, number>();
  map.mergers.forEach(({ successor }, i) => {
    const field = `mergers[${i}].successor.code`;
    const earlier = taken.get(successor.code);
    if (earlier !== undefined)
      throw DomainError.badInput(
        field,
        `${successor.code} would name two units from ${map.effectiveOn}: also mergers[${earlier}]`,
      );
    taken.set(successor.code, i);
    const bearer = existing.get(successor.code);
    const isNew = plan.newUnits.some((n) => n.unit.code === successor.code);
    if (isNew && bearer && !ending.has(successor.code))
      throw DomainError.badInput(
        field,
        `${successor.code} is ${bearer.name}'s code, and ${bearer.name} is not merged on ${map.effectiveOn}`,
      );
  });
}

/** A milestone's reported state, as a successor's is derived from its predecessors'. */
export interface DerivedState<T> {
  status: MilestoneStatus;
  percentComplete: number;
  forecastDue: IsoDate | null;
  completedOn: IsoDate | null;
  blocker: string | null;
  lastReportedAt: T | null;
}

/** A predecessor milestone's state, with its unit's name (its blocker is shown under it). */
export interface CarriedState<T> extends DerivedState<T> {
  unitName: string;
}

/**
 * A successor's milestone before its own first report (domain.md): DONE if all its
 * predecessors are, else BLOCKED if any is (their blockers, each under its unit's
 * name), else NOT_STARTED if all are, else IN_PROGRESS; the mean percent rounded
 * down; the latest forecast and report. Cancelled predecessors do not count. The
 * completion date is the latest of theirs only when the work is DONE: a milestone
 * still in progress has no completion date, whatever one predecessor finished.
 */
export function deriveFromPredecessors<T extends string | Date>(
  predecessors: readonly CarriedState<T>[],
): DerivedState<T> {
  const live = predecessors.filter((p) => p.status !== MilestoneStatus.CANCELLED);
  if (live.length === 0)
    return {
      status: MilestoneStatus.NOT_STARTED,
      percentComplete: 0,
      forecastDue: null,
      completedOn: null,
      blocker: null,
      lastReportedAt: null,
    };
  const all = (s: MilestoneStatus) => live.every((p) => p.status === s);
  const blocked = live.filter((p) => p.status === MilestoneStatus.BLOCKED);
  const status = all(MilestoneStatus.DONE)
    ? MilestoneStatus.DONE
    : blocked.length > 0
      ? MilestoneStatus.BLOCKED
      : all(MilestoneStatus.NOT_STARTED)
        ? MilestoneStatus.NOT_STARTED
        : MilestoneStatus.IN_PROGRESS;
  return {
    status,
    percentComplete: Math.floor(live.reduce((sum, p) => sum + p.percentComplete, 0) / live.length),
    forecastDue: latest(live.map((p) => p.forecastDue)),
    completedOn: status === MilestoneStatus.DONE ? latest(live.map((p) => p.completedOn)) : null,
    blocker:
      status === MilestoneStatus.BLOCKED
        ? blocked.map((p) => `${p.unitName}: ${p.blocker ?? ''}`.trim()).join('; ')
        : null,
    lastReportedAt: latest(live.map((p) => p.lastReportedAt)),
  };
}

/** The latest of some dates or instants, ignoring the missing; null when all are. */
function latest<T extends string | Date>(values: readonly (T | null)[]): T | null {
  let best: T | null = null;
  for (const v of values) if (v !== null && (best === null || v > best)) best = v;
  return best;
}
