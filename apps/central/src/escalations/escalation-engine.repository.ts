import { Injectable } from '@nestjs/common';
import { EscalationAction, IsoDate, KnownEscalation } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { healthSql } from '../milestones/health.sql';

export interface EngineFactRow {
  milestoneId: string;
  programId: string;
  policy: unknown;
  status: string;
  health: string;
  baselineDue: string;
  forecastDue: string | null;
  blockedSince: Date | null;
  lastReportAt: Date;
  waitingUnits: number;
}

/**
 * What one evaluation looks at: whole programs (null: all), or the milestones a
 * push touched plus the CENTRAL milestones they wait on (whose count of waiting
 * provinces the push may have changed). A milestone's escalations depend on its
 * own facts and nothing else but that count.
 */
export type EvaluationScope = { programIds: string[] | null } | { milestoneIds: string[] };

/** SQL selecting the scope's milestone ids; `param` holds the ids. */
function scopeFilter(scope: EvaluationScope, param: string): string {
  if ('programIds' in scope)
    return `(${param}::uuid[] IS NULL OR m.program_id = ANY (${param}::uuid[]))`;
  return `m.id IN (
    SELECT t.id FROM unnest(${param}::uuid[]) AS t(id)
    UNION
    SELECT dm.id FROM milestone tm JOIN plan_item ti ON ti.id = tm.plan_item_id
    JOIN plan_item di ON di.program_id = ti.program_id AND di.key = ANY (ti.depends_on) AND di.scope = 'CENTRAL'
    JOIN milestone dm ON dm.plan_item_id = di.id
    WHERE tm.id = ANY (${param}::uuid[]))`;
}

function scopeIds(scope: EvaluationScope): string[] | null {
  return 'programIds' in scope ? scope.programIds : scope.milestoneIds;
}

/** Serialises evaluations across instances; ack/resolve take row locks instead. */
const ENGINE_LOCK_KEY = 4_020_191_109;

/** The SQL of the escalation engine; every method runs in the engine's transaction. */
@Injectable()
export class EscalationEngineRepository {
  async lock(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ENGINE_LOCK_KEY]);
  }

  /** Everything the rules read, for the scope's milestones, in one statement. */
  async facts(tx: EntityManager, scope: EvaluationScope, today: IsoDate): Promise<EngineFactRow[]> {
    return tx.query(
      `SELECT m.id AS "milestoneId", m.program_id AS "programId", p.escalation_policy AS policy, m.status,
              ${healthSql('$1')} AS health, pi.baseline_due AS "baselineDue", m.forecast_due AS "forecastDue",
              m.blocked_since AS "blockedSince", COALESCE(m.last_reported_at, m.created_at) AS "lastReportAt",
              CASE WHEN pi.scope = 'CENTRAL' THEN (
                SELECT count(DISTINCT wm.unit_id)::int FROM plan_item wi JOIN milestone wm ON wm.plan_item_id = wi.id
                WHERE wi.program_id = pi.program_id AND wi.scope = 'PROVINCE' AND pi.key = ANY (wi.depends_on)
                  AND wi.removed_in_version IS NULL AND wm.status NOT IN ('DONE', 'CANCELLED')
              ) ELSE 0 END AS "waitingUnits"
       FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
       WHERE ${scopeFilter(scope, '$2')}`,
      [today, scopeIds(scope)],
    );
  }

  /** Live escalations, and hand-resolved ones (they bound re-raising), of the scope's milestones. */
  async known(tx: EntityManager, scope: EvaluationScope): Promise<KnownEscalation[]> {
    return tx.query(
      `SELECT e.id, e.milestone_id AS "milestoneId", e.reason, e.state, e.level, e.age_days AS "ageDays",
              e.waiting_units AS "waitingUnits", e.resolution
       FROM escalation e JOIN milestone m ON m.id = e.milestone_id
       WHERE ${scopeFilter(scope, '$1')}
         AND (e.state <> 'RESOLVED' OR e.resolution = 'MANUAL')`,
      [scopeIds(scope)],
    );
  }

  /** Applies the actions; answers how many escalations changed. */
  async apply(tx: EntityManager, actions: EscalationAction[], now: Date): Promise<number> {
    const events: { id: string; kind: string; level: string; note: string | null }[] = [];
    const opens = actions.filter(
      (a): a is Extract<EscalationAction, { kind: 'OPEN' }> => a.kind === 'OPEN',
    );
    if (opens.length > 0) {
      const opened: { id: string; level: string }[] = await tx.query(
        `INSERT INTO escalation (milestone_id, reason, level, state, age_days, waiting_units, opened_at)
         SELECT x."milestoneId", x.reason, x.level, 'OPEN', x."ageDays", x."waitingUnits", $2
         FROM jsonb_to_recordset($1::jsonb) AS x("milestoneId" uuid, reason text, level text, "ageDays" int, "waitingUnits" int)
         ON CONFLICT (milestone_id, reason) WHERE state <> 'RESOLVED' DO NOTHING
         RETURNING id, level`,
        [JSON.stringify(opens.map((o) => o.desired)), now],
      );
      events.push(...opened.map((o) => ({ id: o.id, kind: 'OPENED', level: o.level, note: null })));
    }
    const updates = actions.filter(
      (a): a is Extract<EscalationAction, { kind: 'RAISE' | 'LOWER' | 'REFRESH' }> =>
        a.kind === 'RAISE' || a.kind === 'LOWER' || a.kind === 'REFRESH',
    );
    if (updates.length > 0) {
      await tx.query(
        `UPDATE escalation e SET level = x.level, age_days = x."ageDays", waiting_units = x."waitingUnits",
           state = CASE WHEN x.raise THEN 'OPEN' ELSE e.state END
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, level text, "ageDays" int, "waitingUnits" int, raise boolean)
         WHERE e.id = x.id AND e.state <> 'RESOLVED'`,
        [
          JSON.stringify(
            updates.map((u) => ({ id: u.id, ...u.desired, raise: u.kind === 'RAISE' })),
          ),
        ],
      );
      for (const u of updates) {
        if (u.kind === 'RAISE')
          events.push({
            id: u.id,
            kind: u.reopen ? 'REOPENED' : 'ROSE',
            level: u.desired.level,
            note: null,
          });
        if (u.kind === 'LOWER')
          events.push({ id: u.id, kind: 'LOWERED', level: u.desired.level, note: null });
      }
    }
    const resolves = actions.filter(
      (a): a is Extract<EscalationAction, { kind: 'AUTO_RESOLVE' }> => a.kind === 'AUTO_RESOLVE',
    );
    if (resolves.length > 0) {
      const resolved: { id: string; level: string; note: string }[] = await tx
        .query(
          `UPDATE escalation e SET state = 'RESOLVED', resolution = 'AUTO', resolved_at = $2, resolved_by = 'system', note = x.note
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, note text)
         WHERE e.id = x.id AND e.state <> 'RESOLVED'
         RETURNING e.id, e.level, e.note`,
          [JSON.stringify(resolves.map((r) => ({ id: r.id, note: r.note }))), now],
        )
        .then((r: [{ id: string; level: string; note: string }[], number]) => r[0]);
      events.push(
        ...resolved.map((r) => ({ id: r.id, kind: 'AUTO_RESOLVED', level: r.level, note: r.note })),
      );
    }
    await this.recordEvents(tx, events, 'system', now);
    return events.length;
  }

  async recordEvents(
    tx: EntityManager,
    events: { id: string; kind: string; level: string; note: string | null }[],
    actor: string,
    at: Date,
  ): Promise<void> {
    if (events.length === 0) return;
    await tx.query(
      `INSERT INTO escalation_event (escalation_id, at, kind, level, actor, note)
       SELECT x.id, $2, x.kind, x.level, $3, x.note
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, kind text, level text, note text)`,
      [JSON.stringify(events), at, actor],
    );
  }
}
