// The rules for an indicator value pushed by a node (domain.md "Indicators",
// "Sync"): the same outcomes as a milestone update, decided in input order.
import { IsoDate } from './calendar';
import { DomainError } from './errors';
import {
  IndicatorKind,
  IndicatorReporters,
  isPeriod,
  notAMonth,
  Period,
  periodOf,
} from './indicator';
import { UnitEnd } from './sync';
import { UnitKind, UpdateOutcome } from './vocabulary';

/** One value as a node pushed it. */
export interface IncomingIndicatorValue {
  idempotencyKey: string;
  seq: number;
  indicatorCode: string;
  unitCode: string;
  period: Period;
  numerator: number;
  denominator: number | null;
}

/** The indicator a value names, as the centre knows it. */
export interface KnownIndicator {
  id: string;
  kind: IndicatorKind;
  reportedBy: IndicatorReporters;
  /** The owner agency's code: the one unit that reports an OWNER indicator. */
  ownerCode: string;
}

/** The unit a batch's values come from (a node reports for its own unit only). */
export interface PushingUnit {
  code: string;
  kind: UnitKind;
  /** Set when the unit has been merged: how, for the months after its last day. */
  ended?: UnitEnd;
}

/** What the centre recorded for an idempotency key the first time it saw it. */
export interface PriorValueRecord {
  outcome: UpdateOutcome;
  reason: string | null;
}

export interface ValueDecision {
  idempotencyKey: string;
  outcome: UpdateOutcome;
  reason: string | null;
  /** DUPLICATE: the outcome recorded the first time; otherwise the outcome itself. */
  firstOutcome: UpdateOutcome;
  /** New values are recorded; a DUPLICATE writes nothing. */
  record: boolean;
  indicatorId: string | null;
}

/**
 * Decides every value of a batch, in input order: DUPLICATE for a key seen
 * before from this node (earlier or in this batch); REJECTED with a reason for an
 * unknown indicator, one the pushing unit does not report (reporterRefusal), a
 * month after the central `today`'s, or figures the kind forbids; STALE when its seq is not above the highest applied for the same
 * unit, indicator and month (`highestApplied`, before the batch); APPLIED otherwise.
 * A merged unit (`from.ended`) answers for the months up to the one of its last
 * day; a later month is its successor's (REJECTED, naming it).
 */
export function decideIndicatorValues(
  values: readonly IncomingIndicatorValue[],
  indicatorOf: (code: string) => KnownIndicator | undefined,
  highestApplied: (indicatorId: string, unitCode: string, period: Period) => number,
  prior: ReadonlyMap<string, PriorValueRecord>,
  today: IsoDate,
  from: PushingUnit,
): ValueDecision[] {
  const seen = new Map(prior);
  const applied = new Map<string, number>();
  return values.map((v) => {
    const before = seen.get(v.idempotencyKey);
    if (before) {
      return {
        idempotencyKey: v.idempotencyKey,
        outcome: UpdateOutcome.DUPLICATE,
        reason: before.reason,
        firstOutcome: before.outcome,
        record: false,
        indicatorId: indicatorOf(v.indicatorCode)?.id ?? null,
      };
    }
    const decision = decideOne(
      v,
      indicatorOf(v.indicatorCode),
      highestApplied,
      applied,
      today,
      from,
    );
    seen.set(v.idempotencyKey, decision);
    return decision;
  });
}

function decideOne(
  v: IncomingIndicatorValue,
  indicator: KnownIndicator | undefined,
  highestApplied: (indicatorId: string, unitCode: string, period: Period) => number,
  applied: Map<string, number>,
  today: IsoDate,
  from: PushingUnit,
): ValueDecision {
  const ended = from.ended;
  const decided = (outcome: UpdateOutcome, reason: string | null): ValueDecision => ({
    idempotencyKey: v.idempotencyKey,
    outcome,
    reason,
    firstOutcome: outcome,
    record: true,
    indicatorId: indicator?.id ?? null,
  });
  if (ended && isPeriod(v.period) && v.period > periodOf(ended.lastDay))
    return decided(
      UpdateOutcome.REJECTED,
      `${ended.unit} was merged into ${ended.successor} after ${ended.lastDay}; ${v.period} is reported by ${ended.successor}, from its node`,
    );
  if (!indicator) return decided(UpdateOutcome.REJECTED, unknownIndicator(v.indicatorCode));
  const notTheirs = reporterRefusal(v.indicatorCode, indicator, from);
  if (notTheirs) return decided(UpdateOutcome.REJECTED, notTheirs);
  const refusal = valueRefusal(v, indicator.kind, today);
  if (refusal) return decided(UpdateOutcome.REJECTED, refusal);
  const slot = `${indicator.id}|${v.unitCode}|${v.period}`;
  const highest = applied.get(slot) ?? highestApplied(indicator.id, v.unitCode, v.period);
  if (v.seq <= highest) {
    return decided(
      UpdateOutcome.STALE,
      `seq ${v.seq} is not above ${highest}, already applied for ${v.unitCode} in ${v.period}`,
    );
  }
  applied.set(slot, v.seq);
  return decided(UpdateOutcome.APPLIED, null);
}

/**
 * Why this unit may not report the indicator, or null: a PROVINCES indicator is
 * the provinces' (an agency's value would be added to their sum); an OWNER one is
 * its owner agency's alone (the national value, not one more term of a sum).
 */
export function reporterRefusal(
  code: string,
  indicator: Pick<KnownIndicator, 'reportedBy' | 'ownerCode'>,
  from: Pick<PushingUnit, 'code' | 'kind'>,
): string | null {
  if (indicator.reportedBy === IndicatorReporters.OWNER)
    return from.code === indicator.ownerCode
      ? null
      : `${code} is reported nationally by its owner ${indicator.ownerCode}`;
  return from.kind === UnitKind.PROVINCE ? null : `${code} is reported by the provinces`;
}

function unknownIndicator(code: string): string {
  return `unknown indicator ${code}`;
}

type ValueFigures = Pick<IncomingIndicatorValue, 'period' | 'numerator' | 'denominator'>;

/** Why a value cannot stand, as `field: why`, or null. */
export function valueRefusal(v: ValueFigures, kind: IndicatorKind, today: IsoDate): string | null {
  const refused = refusal(v, kind, today);
  return refused && `${refused.field}: ${refused.message}`;
}

/**
 * The centre's rules for a value, applied by a province node before it records
 * one (as validateReport is for progress): an unknown indicator or a figure the
 * rules refuse throws BAD_USER_INPUT naming the field. `indicator` is undefined
 * when the node knows no indicator of that code.
 */
export function validateIndicatorValue(
  v: ValueFigures & { indicatorCode: string },
  indicator: { kind: IndicatorKind } | undefined,
  today: IsoDate,
): void {
  if (!indicator) throw DomainError.badInput('indicatorCode', unknownIndicator(v.indicatorCode));
  const refused = refusal(v, indicator.kind, today);
  if (refused) throw DomainError.badInput(refused.field, refused.message);
}

function refusal(
  v: ValueFigures,
  kind: IndicatorKind,
  today: IsoDate,
): { field: 'period' | 'numerator' | 'denominator'; message: string } | null {
  const no = (field: 'period' | 'numerator' | 'denominator', message: string) => ({
    field,
    message,
  });
  if (!isPeriod(v.period)) return no('period', notAMonth(v.period));
  if (v.period > periodOf(today))
    return no('period', `${v.period} is in the future (today is ${today})`);
  if (!Number.isFinite(v.numerator)) return no('numerator', 'not a number');
  if (kind === IndicatorKind.COUNT) {
    // a count is one cumulative total: a denominator would be a figure no roll-up reads
    if (v.denominator !== null)
      return no('denominator', `a count has no denominator (got ${v.denominator})`);
    if (v.numerator < 0) return no('numerator', `a count cannot be negative (${v.numerator})`);
    return null;
  }
  if (v.denominator === null || !(v.denominator > 0)) {
    return no(
      'denominator',
      `a ratio needs a denominator above 0 (got ${v.denominator ?? 'none'})`,
    );
  }
  if (v.numerator < 0) return no('numerator', `cannot be negative (${v.numerator})`);
  if (v.numerator > v.denominator) {
    return no('numerator', `${v.numerator} is above the denominator ${v.denominator}`);
  }
  return null;
}
