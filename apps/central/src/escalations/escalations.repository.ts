import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { keysetPage, Page } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { EscalationLevel, EscalationState, IsoDate, levelRank, Role } from '@tracker/domain';
import { anyOf, centralSql, one, rows, run } from '@tracker/persistence';
import { RawBuilder, sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { endOfVietnamDay, ReadDay } from '../milestones/as-of.sql';
import { keepDay, KeptTable, replaceKept } from '../milestones/kept-days';
import { EscalationEvent, EscalationFilter } from './escalation.type';
import { escalationRows, EscalationRow, levelRankSql } from './escalation.row';

/** Open escalations of one program at one level. */
export interface LiveEscalationCount {
  programId: string;
  level: EscalationLevel;
  n: number;
}

const KEPT_ESCALATIONS: KeptTable = {
  name: 'kept_day_escalation',
  columns: ['program_id', 'level', 'live'],
  key: ['program_id', 'level'],
};

/** The live escalations per program and level at the end of a past day, of these programs (null: all). */
function liveOn(
  day: IsoDate,
  programIds: readonly string[] | null,
): RawBuilder<LiveEscalationCount> {
  const programs = programIds ? sql`m.program_id = ANY (${programIds}::uuid[])` : sql`true`;
  return sql<LiveEscalationCount>`SELECT m.program_id AS "programId", ev.level, count(*)::int AS n
    FROM escalation e JOIN milestone m ON m.id = e.milestone_id
    CROSS JOIN LATERAL (SELECT ee.kind, ee.level FROM escalation_event ee
      WHERE ee.escalation_id = e.id AND ee.at < ${endOfVietnamDay(day)}::timestamptz
      ORDER BY ee.at DESC, ee.id DESC LIMIT 1) ev
    WHERE ev.kind NOT IN ('RESOLVED', 'AUTO_RESOLVED') AND ${programs}
    GROUP BY m.program_id, ev.level`;
}

/** A leader's queue by default: what is still open or acknowledged. */
const LIVE = [EscalationState.OPEN, EscalationState.ACKNOWLEDGED];

function sameStates(a: readonly EscalationState[], b: readonly EscalationState[]): boolean {
  return a.length === b.length && b.every((x) => a.includes(x));
}

/** The live escalations at these levels (all when none) in this program (any when none), as kept. */
function liveCount(
  levels: readonly EscalationLevel[] | undefined,
  programCode: string | undefined,
) {
  return centralSql
    .selectFrom('escalation_count as c')
    .innerJoin('program as p', 'p.id', 'c.program_id')
    .select(sql<number>`COALESCE(sum(c.live), 0)`.as('n'))
    .$if(!!levels?.length, (q) => q.where('c.level', '=', anyOf(levels ?? [], 'text')))
    .$if(!!programCode, (q) => q.where('p.code', '=', programCode ?? ''))
    .$asScalar();
}

@Injectable()
export class EscalationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Worst first: highest level, then oldest condition; the id breaks ties. */
  async page(
    filter: EscalationFilter,
    first: number,
    after: string | undefined,
    actor?: Actor,
  ): Promise<Page<EscalationRow>> {
    const states = filter.state?.length ? filter.state : LIVE;
    let query = escalationRows().where('e.state', '=', anyOf(states, 'text'));
    if (filter.level?.length) query = query.where('e.level', '=', anyOf(filter.level, 'text'));
    if (filter.programCode) query = query.where('p.code', '=', filter.programCode);
    if (filter.unitCode) query = query.where('u.code', '=', filter.unitCode);
    const scoped = filter.mine && actor && actor.role !== Role.PMO ? actor : undefined;
    if (scoped) {
      const { level, unit } = scoped;
      if (scoped.role !== Role.LEADER || !level) query = query.where(sql<boolean>`false`);
      else {
        // leaderMayAct in SQL: at or below the leader's level, within their unit's scope
        query = query.where(levelRankSql, '<=', levelRank(level) + 1);
        if (level !== EscalationLevel.GOVERNMENT)
          query = query.where((eb) =>
            eb.or([eb('u.code', '=', unit ?? ''), eb('o.code', '=', unit ?? '')]),
          );
      }
    }
    return keysetPage(
      this.db,
      query,
      {
        direction: 'desc',
        columns: [
          { by: levelRankSql, cast: 'int', of: (r) => r.levelRank },
          { by: sql`e.age_days`, cast: 'int', of: (r) => r.ageDays },
          { by: sql`e.id`, cast: 'uuid', of: (r) => r.id },
        ],
      },
      first,
      after,
      // the live queue by level and program is counted as it changes: a page reads its own rows
      sameStates(states, LIVE) && !filter.unitCode && !scoped
        ? liveCount(filter.level, filter.programCode)
        : undefined,
    );
  }

  async forMilestones(ids: readonly string[]): Promise<EscalationRow[]> {
    return rows(
      this.db,
      escalationRows()
        .where('e.milestone_id', '=', anyOf(ids, 'uuid'))
        .orderBy(levelRankSql, 'desc')
        .orderBy('e.age_days', 'desc')
        .orderBy('e.reason')
        .orderBy('e.opened_at', 'desc'),
    );
  }

  async events(escalationIds: readonly string[]): Promise<EscalationEvent[]> {
    return rows(
      this.db,
      centralSql
        .selectFrom('escalation_event')
        .select(['escalation_id as escalationId', 'at', 'kind', 'level', 'actor', 'note'])
        .$narrowType<{ level: EscalationLevel }>()
        .where('escalation_id', '=', anyOf(escalationIds, 'uuid'))
        .orderBy('id'),
    );
  }

  async lockOne(tx: EntityManager, id: string): Promise<EscalationRow | undefined> {
    return one(tx, escalationRows().where('e.id', '=', id).forUpdate('e'));
  }

  async acknowledge(
    tx: EntityManager,
    id: string,
    by: string,
    at: Date,
    note: string | null,
  ): Promise<void> {
    await run(
      tx,
      centralSql
        .updateTable('escalation')
        .set((eb) => ({
          state: 'ACKNOWLEDGED',
          acknowledged_at: at,
          acknowledged_by: by,
          note: eb.fn.coalesce(eb.val(note), 'note'),
        }))
        .where('id', '=', id),
    );
  }

  async resolve(tx: EntityManager, id: string, by: string, at: Date, note: string): Promise<void> {
    await run(
      tx,
      centralSql
        .updateTable('escalation')
        .set({
          state: 'RESOLVED',
          resolution: 'MANUAL',
          resolved_at: at,
          resolved_by: by,
          note,
        })
        .where('id', '=', id),
    );
  }

  /**
   * Unresolved escalations per program and level: today's as kept while they change; a
   * past day's, those whose last event by the end of it (at, then id) was not a
   * resolution, at that event's level, counted once and kept (keepDay) unless the day
   * is too recent to keep.
   */
  async liveCounts(on: ReadDay): Promise<LiveEscalationCount[]> {
    if (on.fromHistory) {
      const kept = await keepDay(this.db, 'ESCALATIONS', on.day, null, (stale) =>
        replaceKept('ESCALATIONS', on.day, stale, KEPT_ESCALATIONS, liveOn(on.day, stale)),
      );
      return rows(
        this.db,
        kept
          ? sql<LiveEscalationCount>`SELECT program_id AS "programId", level, live AS n
              FROM kept_day_escalation WHERE day = ${on.day}::date AND live <> 0`
          : liveOn(on.day, null),
      );
    }
    // kept per program and level as escalations change (migration LiveEscalationCounts)
    return rows(
      this.db,
      centralSql
        .selectFrom('escalation_count')
        .select(['program_id as programId', 'level', 'live as n'])
        .$narrowType<{ level: EscalationLevel }>()
        .where('live', '<>', 0),
    );
  }
}
