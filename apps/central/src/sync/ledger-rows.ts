import { afterReport, BlockedState, Decision, IncomingUpdate } from '@tracker/domain';
import { MilestoneUpdateInput } from './push-milestone-updates.input';

/** An update of the batch with what was decided for it. */
export interface RecordedUpdate {
  input: MilestoneUpdateInput;
  decision: Decision;
}

/** What the incoming update carries, in the domain's terms. */
export function incoming(input: MilestoneUpdateInput, reportDate: string): IncomingUpdate {
  return {
    idempotencyKey: input.idempotencyKey,
    seq: input.seq,
    reportDate,
    report: {
      status: input.status,
      percentComplete: input.percentComplete,
      forecastDue: input.forecastDue,
      completedOn: input.completedOn,
      blocker: input.blocker,
      note: input.note,
    },
  };
}

/** History rows: an APPLIED update stores the report as applied (completedOn defaulted). */
export function historyRows(recorded: RecordedUpdate[]): object[] {
  return recorded.map(({ input, decision }) => {
    const stored = decision.applied ?? input;
    return {
      idempotency_key: input.idempotencyKey,
      seq: input.seq,
      milestone_id: decision.milestoneId,
      program_code: input.programCode,
      key: input.key,
      unit_code: input.unitCode,
      outcome: decision.outcome,
      reason: decision.reason,
      status: input.status,
      percent_complete: input.percentComplete,
      forecast_due: stored.forecastDue ?? null,
      completed_on: stored.completedOn ?? null,
      blocker: stored.blocker ?? null,
      note: stored.note ?? null,
      reported_at: input.reportedAt.toISOString(),
    };
  });
}

/**
 * Each touched milestone as its last applied report of the batch leaves it, its
 * blocked-since mark followed through the batch in order (the domain's afterReport).
 */
export function latestRows(
  targets: Map<string, { id: string; status: string; blockedSince: Date | null }>,
  recorded: RecordedUpdate[],
): object[] {
  const state = new Map<string, BlockedState<Date>>(
    [...targets.values()].map((t) => [t.id, { status: t.status, blockedSince: t.blockedSince }]),
  );
  const latest = new Map<string, RecordedUpdate>();
  for (const r of recorded) {
    const id = r.decision.milestoneId;
    const next = r.decision.applied?.status;
    if (!id || !next) continue;
    state.set(id, afterReport(state.get(id)!, next, r.input.reportedAt));
    latest.set(id, r);
  }
  return [...latest].map(([id, { input, decision }]) => ({
    id,
    status: decision.applied!.status,
    percent_complete: decision.applied!.percentComplete,
    forecast_due: decision.applied!.forecastDue ?? null,
    completed_on: decision.applied!.completedOn ?? null,
    blocker: decision.applied!.blocker ?? null,
    note: decision.applied!.note ?? null,
    seq: input.seq,
    reported_at: input.reportedAt.toISOString(),
    blocked_since: state.get(id)!.blockedSince?.toISOString() ?? null,
  }));
}
