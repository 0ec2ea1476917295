import { Injectable } from '@nestjs/common';
import { EscalationAction, IsoDate, KnownEscalation } from '@tracker/domain';
import { rows, run } from '@tracker/persistence';
import { RawBuilder, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { healthOn } from '../milestones/health.sql';
import { unitExistsOn } from '../units/units.repository';

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

/** SQL predicate: the milestone (alias m) is in the scope. */
function scopeFilter(scope: EvaluationScope): RawBuilder<boolean> {
  if ('programIds' in scope)
    return scope.programIds === null
      ? sql<boolean>`true`
      : sql<boolean>`m.program_id = ANY (${scope.programIds}::uuid[])`;
  const ids = scope.milestoneIds;
  return sql<boolean>`m.id IN (
    SELECT t.id FROM unnest(${ids}::uuid[]) AS t(id)
    UNION
    SELECT dm.id FROM milestone tm JOIN plan_item ti ON ti.id = tm.plan_item_id
    JOIN plan_item di ON di.program_id = ti.program_id AND di.key = ANY (ti.depends_on) AND di.scope = 'CENTRAL'
    JOIN milestone dm ON dm.plan_item_id = di.id
    WHERE tm.id = ANY (${ids}::uuid[]))`;
}

/** Serialises evaluations across instances; ack/resolve take row locks instead. */
const ENGINE_LOCK_KEY = 4_020_191_109;

/**
 * The SQL of the escalation engine; every method runs in the engine's transaction.
 * sql templates rather than builders: the facts read a correlated count and the
 * health CASE, the writes read jsonb_to_recordset; Kysely binds every value.
 */
@Injectable()
export class EscalationEngineRepository {
  async lock(tx: EntityManager): Promise<void> {
    await run(tx, sql`SELECT pg_advisory_xact_lock(${ENGINE_LOCK_KEY})`);
  }

  /** Everything the rules read, for the scope's milestones, in one statement. */
  async facts(tx: EntityManager, scope: EvaluationScope, today: IsoDate): Promise<EngineFactRow[]> {
    return rows(
      tx,
      sql<EngineFactRow>`SELECT m.id AS "milestoneId", m.program_id AS "programId", p.escalation_policy AS policy, m.status,
              ${healthOn(today)} AS health, pi.baseline_due AS "baselineDue", m.forecast_due AS "forecastDue",
              m.blocked_since AS "blockedSince", COALESCE(m.last_reported_at, m.created_at) AS "lastReportAt",
              CASE WHEN pi.scope = 'CENTRAL' THEN (
                SELECT count(DISTINCT wm.unit_id)::int FROM plan_item wi JOIN milestone wm ON wm.plan_item_id = wi.id
                JOIN unit wu ON wu.id = wm.unit_id
                WHERE wi.program_id = pi.program_id AND wi.scope = 'PROVINCE' AND pi.key = ANY (wi.depends_on)
                  AND wi.removed_in_version IS NULL AND wm.status NOT IN ('DONE', 'CANCELLED')
                  AND ${unitExistsOn(today, 'wu')}
              ) ELSE 0 END AS "waitingUnits"
       FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = m.program_id
       JOIN unit u ON u.id = m.unit_id
       WHERE ${scopeFilter(scope)} AND ${unitExistsOn(today)}`,
    );
  }

  /** Live escalations, and hand-resolved ones (they bound re-raising), of the scope's milestones. */
  async known(tx: EntityManager, scope: EvaluationScope): Promise<KnownEscalation[]> {
    return rows(
      tx,
      sql<KnownEscalation>`SELECT e.id, e.milestone_id AS "milestoneId", e.reason, e.state, e.level, e.age_days AS "ageDays",
              e.waiting_units AS "waitingUnits", e.resolution
       FROM escalation e JOIN milestone m ON m.id = e.milestone_id
       WHERE ${scopeFilter(scope)}
         AND (e.state <> 'RESOLVED' OR e.resolution = 'MANUAL')`,
    );
  }

  /**
   * Resolves the live escalations of units merged before `today` ("merged into
   * <successor>"): the successor's milestones carry the work, and are evaluated
   * themselves. Run by a reorganisation and by every evaluation (a map applied
   * ahead of its date takes effect when the day comes). Answers how many.
   */
  async resolveMerged(tx: EntityManager, today: IsoDate, now: Date): Promise<number> {
    const resolved = await rows(
      tx,
      sql<{ id: string; level: string; note: string }>`UPDATE escalation e
         SET state = 'RESOLVED', resolution = 'AUTO', resolved_at = ${now}, resolved_by = 'system',
             note = 'merged into ' || s.name || ' (' || s.code || ')'
       FROM milestone m JOIN unit u ON u.id = m.unit_id JOIN unit s ON s.id = u.successor_id
       WHERE e.milestone_id = m.id AND e.state <> 'RESOLVED' AND u.valid_to < ${today}::date
       RETURNING e.id, e.level, e.note`,
    );
    await this.recordEvents(
      tx,
      resolved.map((r) => ({ id: r.id, kind: 'AUTO_RESOLVED', level: r.level, note: r.note })),
      'system',
      now,
    );
    return resolved.length;
  }

  /** Applies the actions; answers how many escalations changed. */
  async apply(tx: EntityManager, actions: EscalationAction[], now: Date): Promise<number> {
    const events: { id: string; kind: string; level: string; note: string | null }[] = [];
    const opens = actions.filter(
      (a): a is Extract<EscalationAction, { kind: 'OPEN' }> => a.kind === 'OPEN',
    );
    if (opens.length > 0) {
      const opened = await rows(
        tx,
        sql<{
          id: string;
          level: string;
        }>`INSERT INTO escalation (milestone_id, reason, level, state, age_days, waiting_units, opened_at)
         SELECT x."milestoneId", x.reason, x.level, 'OPEN', x."ageDays", x."waitingUnits", ${now}::timestamptz
         FROM jsonb_to_recordset(${JSON.stringify(opens.map((o) => o.desired))}::jsonb)
           AS x("milestoneId" uuid, reason text, level text, "ageDays" int, "waitingUnits" int)
         ON CONFLICT (milestone_id, reason) WHERE state <> 'RESOLVED' DO NOTHING
         RETURNING id, level`,
      );
      events.push(...opened.map((o) => ({ id: o.id, kind: 'OPENED', level: o.level, note: null })));
    }
    const updates = actions.filter(
      (a): a is Extract<EscalationAction, { kind: 'RAISE' | 'LOWER' | 'REFRESH' }> =>
        a.kind === 'RAISE' || a.kind === 'LOWER' || a.kind === 'REFRESH',
    );
    if (updates.length > 0) {
      const changes = updates.map((u) => ({ id: u.id, ...u.desired, raise: u.kind === 'RAISE' }));
      await run(
        tx,
        sql`UPDATE escalation e SET level = x.level, age_days = x."ageDays", waiting_units = x."waitingUnits",
           state = CASE WHEN x.raise THEN 'OPEN' ELSE e.state END
         FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
           AS x(id uuid, level text, "ageDays" int, "waitingUnits" int, raise boolean)
         WHERE e.id = x.id AND e.state <> 'RESOLVED'`,
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
      const notes = resolves.map((r) => ({ id: r.id, note: r.note }));
      const resolved = await rows(
        tx,
        sql<{ id: string; level: string; note: string }>`UPDATE escalation e
           SET state = 'RESOLVED', resolution = 'AUTO', resolved_at = ${now}, resolved_by = 'system', note = x.note
         FROM jsonb_to_recordset(${JSON.stringify(notes)}::jsonb) AS x(id uuid, note text)
         WHERE e.id = x.id AND e.state <> 'RESOLVED'
         RETURNING e.id, e.level, e.note`,
      );
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
    await run(
      tx,
      sql`INSERT INTO escalation_event (escalation_id, at, kind, level, actor, note)
       SELECT x.id, ${at}::timestamptz, x.kind, x.level, ${actor}::text, x.note
       FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(id uuid, kind text, level text, note text)`,
    );
  }
}
