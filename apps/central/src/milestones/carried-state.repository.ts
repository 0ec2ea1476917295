import { Injectable } from '@nestjs/common';
import { CarriedState, deriveFromPredecessors, MilestoneStatus } from '@tracker/domain';
import { rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';

interface PredecessorRow extends CarriedState<Date> {
  successorId: string;
  blockedSince: Date | null;
}

/**
 * A merged unit's milestones are carried on by the new unit's (milestone.successor_id).
 * Until the new unit's own first report (its version is still 0) the successor's row
 * holds the state derived from its predecessors (domain deriveFromPredecessors), kept
 * here so every read of today sees it as stored; a predecessor's late report (dated
 * before the merger) refreshes it in the report's transaction.
 */
@Injectable()
export class CarriedStateRepository {
  /** Re-derives the still-derived successors of these predecessor milestones; answers their ids. */
  async refreshFrom(tx: EntityManager, predecessorIds: readonly string[]): Promise<string[]> {
    if (predecessorIds.length === 0) return [];
    const successors = await rows(
      tx,
      sql<{
        id: string;
      }>`SELECT DISTINCT s.id FROM milestone p JOIN milestone s ON s.id = p.successor_id
        WHERE p.id = ANY (${predecessorIds}::uuid[]) AND s.version = 0`,
    );
    const ids = successors.map((s) => s.id);
    await this.refresh(tx, ids);
    return ids;
  }

  /**
   * Derives each still-derived successor from its predecessors as they stand. The
   * successors are locked first, in one statement, so two predecessors' nodes
   * reporting at once derive one after the other, the later seeing the earlier.
   */
  async refresh(tx: EntityManager, successorIds: readonly string[]): Promise<void> {
    if (successorIds.length === 0) return;
    await run(
      tx,
      sql`SELECT id FROM milestone WHERE id = ANY (${successorIds}::uuid[]) AND version = 0 ORDER BY id FOR UPDATE`,
    );
    const predecessors = await rows(
      tx,
      sql<PredecessorRow>`SELECT p.successor_id AS "successorId", p.status, p.percent_complete AS "percentComplete",
              p.forecast_due AS "forecastDue", p.completed_on AS "completedOn", p.blocker,
              p.last_reported_at AS "lastReportedAt", p.blocked_since AS "blockedSince", u.name AS "unitName"
       FROM milestone p JOIN unit u ON u.id = p.unit_id JOIN milestone s ON s.id = p.successor_id
       WHERE p.successor_id = ANY (${successorIds}::uuid[]) AND s.version = 0
       ORDER BY u.code`,
    );
    const bySuccessor = new Map<string, PredecessorRow[]>();
    for (const p of predecessors)
      bySuccessor.set(p.successorId, [...(bySuccessor.get(p.successorId) ?? []), p]);
    const states = [...bySuccessor].map(([id, preds]) => {
      const derived = deriveFromPredecessors(preds);
      return { id, ...derived, blockedSince: blockedSince(derived.status, preds) };
    });
    if (states.length === 0) return;
    await run(
      tx,
      sql`UPDATE milestone m SET status = x.status, percent_complete = x."percentComplete",
           forecast_due = x."forecastDue", completed_on = x."completedOn", blocker = x.blocker,
           last_reported_at = x."lastReportedAt", blocked_since = x."blockedSince"
         FROM jsonb_to_recordset(${JSON.stringify(states)}::jsonb) AS x(id uuid, status text,
           "percentComplete" int, "forecastDue" date, "completedOn" date, blocker text,
           "lastReportedAt" timestamptz, "blockedSince" timestamptz)
         WHERE m.id = x.id AND m.version = 0`,
    );
  }
}

/** A derived block is as old as the oldest of the blocks it carries: escalation ages keep their baseline. */
function blockedSince(status: MilestoneStatus, preds: readonly PredecessorRow[]): Date | null {
  if (status !== MilestoneStatus.BLOCKED) return null;
  const since = preds
    .filter((p) => p.status === MilestoneStatus.BLOCKED && p.blockedSince)
    .map((p) => p.blockedSince!.getTime());
  return since.length > 0 ? new Date(Math.min(...since)) : null;
}
