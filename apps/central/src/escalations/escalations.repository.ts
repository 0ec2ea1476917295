import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, rowPage } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { EscalationLevel, EscalationState, levelRank, Role } from '@tracker/domain';
import { DataSource, EntityManager } from 'typeorm';
import { EscalationEvent, EscalationFilter } from './escalation.type';
import { ESCALATION_SELECT, EscalationRow, LEVEL_ARRAY } from './escalation.row';

/** A leader's queue by default: what is still open or acknowledged. */
const LIVE = [EscalationState.OPEN, EscalationState.ACKNOWLEDGED];

@Injectable()
export class EscalationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Worst first: highest level, then oldest condition; the id breaks ties. */
  async page(filter: EscalationFilter, first: number, after: string | undefined, actor?: Actor) {
    const params: unknown[] = [filter.state?.length ? filter.state : LIVE];
    const where = ['e.state = ANY ($1::text[])'];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.level?.length) where.push(`e.level = ANY (${bind(filter.level)}::text[])`);
    if (filter.programCode) where.push(`p.code = ${bind(filter.programCode)}`);
    if (filter.unitCode) where.push(`u.code = ${bind(filter.unitCode)}`);
    if (filter.mine && actor && actor.role !== Role.PMO) {
      if (actor.role !== Role.LEADER || !actor.level) where.push('false');
      else {
        // leaderMayAct in SQL: at or below the leader's level, within their unit's scope
        where.push(
          `array_position(${LEVEL_ARRAY}, e.level) <= ${bind(levelRank(actor.level) + 1)}`,
        );
        if (actor.level !== EscalationLevel.GOVERNMENT) {
          const unit = bind(actor.unit ?? '');
          where.push(`(u.code = ${unit} OR o.code = ${unit})`);
        }
      }
    }
    const order = `ORDER BY array_position(${LEVEL_ARRAY}, e.level) DESC, e.age_days DESC, e.id DESC`;
    if (!after) {
      // The first page (a leader's queue) counts in the same pass as it pages.
      const rows: (EscalationRow & { totalCount: number })[] = await this.db.query(
        `${ESCALATION_SELECT.replace('SELECT ', 'SELECT count(*) OVER ()::int AS "totalCount", ')} WHERE ${where.join(' AND ')}
         ${order} LIMIT ${bind(first + 1)}`,
        params,
      );
      return rowPage(rows, first, rows[0]?.totalCount ?? 0);
    }
    const countParams = [...params];
    const countSql = `SELECT count(*)::int AS n FROM (${ESCALATION_SELECT} WHERE ${where.join(' AND ')}) x`;
    const [rank, age, id] = decodeCursor(after, 3);
    where.push(
      `(array_position(${LEVEL_ARRAY}, e.level), e.age_days, e.id) < (${bind(rank)}::int, ${bind(age)}::int, ${bind(id)}::uuid)`,
    );
    const pageSql = `${ESCALATION_SELECT} WHERE ${where.join(' AND ')} ${order} LIMIT ${bind(first + 1)}`;
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(pageSql, params) as Promise<EscalationRow[]>,
      this.db.query(countSql, countParams) as Promise<[{ n: number }]>,
    ]);
    return rowPage(rows, first, n);
  }

  async forMilestones(ids: readonly string[]): Promise<EscalationRow[]> {
    return this.db.query(
      `${ESCALATION_SELECT} WHERE e.milestone_id = ANY ($1::uuid[])
       ORDER BY array_position(${LEVEL_ARRAY}, e.level) DESC, e.age_days DESC, e.reason, e.opened_at DESC`,
      [ids],
    );
  }

  async events(escalationIds: readonly string[]): Promise<EscalationEvent[]> {
    return this.db.query(
      `SELECT escalation_id AS "escalationId", at, kind, level, actor, note FROM escalation_event
       WHERE escalation_id = ANY ($1::uuid[]) ORDER BY id`,
      [escalationIds],
    );
  }

  async lockOne(tx: EntityManager, id: string): Promise<EscalationRow | undefined> {
    const rows: EscalationRow[] = await tx.query(
      `${ESCALATION_SELECT} WHERE e.id = $1 FOR UPDATE OF e`,
      [id],
    );
    return rows[0];
  }

  async acknowledge(
    tx: EntityManager,
    id: string,
    by: string,
    at: Date,
    note: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE escalation SET state = 'ACKNOWLEDGED', acknowledged_at = $2, acknowledged_by = $3, note = COALESCE($4, note)
       WHERE id = $1`,
      [id, at, by, note],
    );
  }

  async resolve(tx: EntityManager, id: string, by: string, at: Date, note: string): Promise<void> {
    await tx.query(
      `UPDATE escalation SET state = 'RESOLVED', resolution = 'MANUAL', resolved_at = $2, resolved_by = $3, note = $4
       WHERE id = $1`,
      [id, at, by, note],
    );
  }

  /** Live escalations by level, and per program: the dashboard's counts in one statement. */
  async liveCounts(): Promise<{ programId: string; level: EscalationLevel; n: number }[]> {
    return this.db.query(
      `SELECT m.program_id AS "programId", e.level, count(*)::int AS n
       FROM escalation e JOIN milestone m ON m.id = e.milestone_id
       WHERE e.state <> 'RESOLVED' GROUP BY m.program_id, e.level`,
    );
  }
}
