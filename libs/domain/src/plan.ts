import { IsoDate, isIsoDate } from './calendar';
import { DomainError } from './errors';
import { normalizeText } from './text';
import { MilestoneScope } from './vocabulary';

export interface PlanItemSpec {
  key: string;
  title: string;
  scope: MilestoneScope;
  baselineDue: IsoDate;
  weight: number;
  dependsOn: string[];
}

/** Bounds that keep a plan readable on one screen and its roll-ups meaningful. */
export const PLAN_LIMITS = {
  /** A national program is planned in tens of items; hundreds is a mistake, not a plan. */
  maxItems: 500,
  maxKeyLength: 64,
  maxTitleLength: 300,
  maxDependencies: 50,
  /** Weights are relative; a million-to-one ratio already means "ignore the small one". */
  maxWeight: 1_000_000,
} as const;

const KEY_PATTERN = /^[A-Z0-9][A-Z0-9_.-]*$/;

/**
 * Checks a whole plan and answers it normalised, or throws BAD_USER_INPUT naming
 * the first offending field (`items[3].dependsOn`).
 */
export function validatePlan(items: readonly PlanItemSpec[]): PlanItemSpec[] {
  if (items.length > PLAN_LIMITS.maxItems) {
    throw DomainError.badInput('items', `a plan has at most ${PLAN_LIMITS.maxItems} items`);
  }
  const normalised = items.map((item, i) => validateItem(item, `items[${i}]`));
  const byKey = new Map<string, PlanItemSpec>();
  normalised.forEach((item, i) => {
    if (byKey.has(item.key))
      throw DomainError.badInput(`items[${i}].key`, `duplicate key ${item.key}`);
    byKey.set(item.key, item);
  });
  normalised.forEach((item, i) => {
    const field = `items[${i}].dependsOn`;
    for (const dep of item.dependsOn) {
      const target = byKey.get(dep);
      if (!target)
        throw DomainError.badInput(
          field,
          `${item.key} depends on ${dep}, which is not in the plan`,
        );
      if (dep === item.key)
        throw DomainError.badInput(field, `${item.key} cannot depend on itself`);
      if (item.scope === MilestoneScope.CENTRAL && target.scope === MilestoneScope.PROVINCE) {
        throw DomainError.badInput(
          field,
          `central item ${item.key} cannot depend on province item ${dep}: it would wait on every province`,
        );
      }
    }
  });
  const cycle = findCycle(normalised);
  if (cycle) {
    const i = normalised.findIndex((it) => it.key === cycle[0]);
    throw DomainError.badInput(`items[${i}].dependsOn`, `dependency cycle: ${cycle.join(' → ')}`);
  }
  return normalised;
}

function validateItem(item: PlanItemSpec, path: string): PlanItemSpec {
  const key = item.key.trim();
  if (key.length === 0 || key.length > PLAN_LIMITS.maxKeyLength || !KEY_PATTERN.test(key)) {
    throw DomainError.badInput(
      `${path}.key`,
      `a key is 1-${PLAN_LIMITS.maxKeyLength} upper-case letters, digits, '_', '-' or '.' (e.g. LAND-P-04)`,
    );
  }
  const title = normalizeText(item.title);
  if (title.length === 0 || title.length > PLAN_LIMITS.maxTitleLength) {
    throw DomainError.badInput(
      `${path}.title`,
      `a title is 1-${PLAN_LIMITS.maxTitleLength} characters`,
    );
  }
  if (!isIsoDate(item.baselineDue)) {
    throw DomainError.badInput(`${path}.baselineDue`, `not a calendar date: ${item.baselineDue}`);
  }
  if (!Number.isFinite(item.weight) || item.weight <= 0 || item.weight > PLAN_LIMITS.maxWeight) {
    throw DomainError.badInput(
      `${path}.weight`,
      `a weight is above 0 and at most ${PLAN_LIMITS.maxWeight}`,
    );
  }
  if (item.dependsOn.length > PLAN_LIMITS.maxDependencies) {
    throw DomainError.badInput(
      `${path}.dependsOn`,
      `at most ${PLAN_LIMITS.maxDependencies} dependencies`,
    );
  }
  const dependsOn = [...new Set(item.dependsOn.map((d) => d.trim()))];
  return {
    key,
    title,
    scope: item.scope,
    baselineDue: item.baselineDue,
    weight: item.weight,
    dependsOn,
  };
}

/** A cycle as a list of keys (first repeated at the end), or null. */
function findCycle(items: readonly PlanItemSpec[]): string[] | null {
  const deps = new Map(items.map((it) => [it.key, it.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 'done') return null;
    if (state.get(key) === 'visiting') return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, 'visiting');
    stack.push(key);
    for (const dep of deps.get(key) ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    stack.pop();
    state.set(key, 'done');
    return null;
  };
  for (const it of items) {
    const found = visit(it.key);
    if (found) return found;
  }
  return null;
}

export interface PublishedItem extends PlanItemSpec {
  /** Removed by an earlier publish: its milestones are CANCELLED. */
  removed: boolean;
}

export interface PlanChanges {
  /** Keys never seen in this program: milestones are created. */
  create: PlanItemSpec[];
  /** Keys whose title, date, weight or dependencies changed: milestones follow. */
  change: PlanItemSpec[];
  /** Keys that were removed before and are back: their milestones are reinstated. */
  reinstate: PlanItemSpec[];
  /** Keys present and identical: nothing happens, reported state is kept. */
  keep: PlanItemSpec[];
  /** Keys no longer in the plan: milestones become CANCELLED. */
  remove: string[];
}

/** What publishing `next` over the current items does (domain.md "Programs and plans"). */
export function diffPlan(
  current: readonly PublishedItem[],
  next: readonly PlanItemSpec[],
): PlanChanges {
  const existing = new Map(current.map((it) => [it.key, it]));
  const changes: PlanChanges = { create: [], change: [], reinstate: [], keep: [], remove: [] };
  next.forEach((item, i) => {
    const old = existing.get(item.key);
    if (!old) return changes.create.push(item);
    if (old.scope !== item.scope) {
      throw DomainError.badInput(
        `items[${i}].scope`,
        `${item.key} was published as ${old.scope}; a key keeps its scope (publish a new key instead)`,
      );
    }
    if (old.removed) return changes.reinstate.push(item);
    return sameItem(old, item) ? changes.keep.push(item) : changes.change.push(item);
  });
  const nextKeys = new Set(next.map((it) => it.key));
  changes.remove = current.filter((it) => !it.removed && !nextKeys.has(it.key)).map((it) => it.key);
  return changes;
}

function sameItem(a: PlanItemSpec, b: PlanItemSpec): boolean {
  return (
    a.title === b.title &&
    a.baselineDue === b.baselineDue &&
    a.weight === b.weight &&
    a.dependsOn.length === b.dependsOn.length &&
    [...a.dependsOn].sort().join('\n') === [...b.dependsOn].sort().join('\n')
  );
}
