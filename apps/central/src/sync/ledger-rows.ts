import { Decision, IncomingUpdate } from '@tracker/domain';
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
 * Each touched milestone as its last applied report of the batch leaves it.
 * blocked_since is the time of the report that made it BLOCKED, followed
 * through the batch in order from the milestone's state before it.
 */
export function latestRows(
  targets: Map<string, { id: string; status: string; blockedSince: Date | null }>,
  recorded: RecordedUpdate[],
): object[] {
  const status = new Map([...targets.values()].map((t) => [t.id, t.status]));
  const since = new Map(
    [...targets.values()].map((t) => [t.id, t.status === 'BLOCKED' ? t.blockedSince : null]),
  );
  const latest = new Map<string, RecordedUpdate>();
  for (const r of recorded) {
    const id = r.decision.milestoneId;
    const next = r.decision.applied?.status;
    if (!id || !next) continue;
    if (next !== 'BLOCKED') since.set(id, null);
    else if (status.get(id) !== 'BLOCKED') since.set(id, r.input.reportedAt);
    status.set(id, next);
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
    blocked_since: since.get(id)?.toISOString() ?? null,
  }));
}
