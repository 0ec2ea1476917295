import { decodeCursor, RowPage, rowPage } from '@tracker/api';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { foldForSearch, IsoDate } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { containsPattern } from '../units/units.repository';
import { MilestoneFilter } from './milestone-filter.input';
import { milestoneSelect, MilestoneRow } from './milestone.row';

export type MilestonePage = RowPage<MilestoneRow>;

/** Builds a parameterised WHERE clause; $1 is always the central date. */
class SqlWhere {
  readonly params: unknown[];
  readonly clauses: string[] = [];

  constructor(today: IsoDate) {
    this.params = [today];
  }

  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(clause: string): void {
    this.clauses.push(clause);
  }

  toSql(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

@Injectable()
export class MilestonesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findByIds(ids: readonly string[], today: IsoDate): Promise<MilestoneRow[]> {
    return this.db.query(`${milestoneSelect('$1')} WHERE m.id = ANY ($2::uuid[])`, [today, ids]);
  }

  /**
   * The milestones of these units, in the given programs (every program when
   * `anyProgram`), in program code then key order: a board row's milestones.
   */
  async forUnits(
    unitIds: readonly string[],
    programIds: readonly string[],
    anyProgram: boolean,
    today: IsoDate,
  ): Promise<MilestoneRow[]> {
    return this.db.query(
      `${milestoneSelect('$1')} WHERE m.unit_id = ANY ($2::uuid[]) AND ($4 OR m.program_id = ANY ($3::uuid[]))
       ORDER BY p.code COLLATE "C", pi.key COLLATE "C"`,
      [today, unitIds, programIds, anyProgram],
    );
  }

  /**
   * Codes and keys are identifiers: they sort byte-wise (COLLATE "C") so the
   * order is the same on every server whatever its locale.
   * One page of milestones in (program, key, unit code, id) order, filtered in SQL
   * (health included, so paging by health is exact), and the total without paging.
   */
  async page(
    filter: MilestoneFilter,
    first: number,
    after: string | undefined,
    today: IsoDate,
  ): Promise<MilestonePage> {
    const where = new SqlWhere(today);
    if (filter.programCode) where.add(`"programCode" = ${where.bind(filter.programCode)}`);
    if (filter.unitCode) where.add(`"unitCode" = ${where.bind(filter.unitCode)}`);
    if (filter.status?.length) where.add(`status = ANY (${where.bind(filter.status)}::text[])`);
    if (filter.health?.length) where.add(`health = ANY (${where.bind(filter.health)}::text[])`);
    if (filter.scope) where.add(`scope = ${where.bind(filter.scope)}`);
    if (filter.escalated != null) {
      where.add(
        `${filter.escalated ? '' : 'NOT '}EXISTS (SELECT 1 FROM escalation e WHERE e.milestone_id = ms.id AND e.state <> 'RESOLVED')`,
      );
    }
    const folded = filter.search ? foldForSearch(filter.search) : '';
    if (folded) {
      const pattern = where.bind(containsPattern(folded));
      where.add(`("titleFolded" LIKE ${pattern} OR "unitNameFolded" LIKE ${pattern})`);
    }
    const source = `(${milestoneSelect('$1')}) ms`;

    const order = `ORDER BY "programCode" COLLATE "C", key COLLATE "C", "unitCode" COLLATE "C", id`;
    if (!after) {
      // The first page (what boards ask for) counts in the same pass as it pages.
      const rows: (MilestoneRow & { totalCount: number })[] = await this.db.query(
        `SELECT *, count(*) OVER ()::int AS "totalCount" FROM ${source} ${where.toSql()} ${order} LIMIT ${where.bind(first + 1)}`,
        where.params,
      );
      return rowPage(rows, first, rows[0]?.totalCount ?? 0);
    }

    const countParams = [...where.params];
    const countSql = `SELECT count(*)::int AS n FROM ${source} ${where.toSql()}`;
    const [programCode, key, unitCode, id] = decodeCursor(after, 4);
    where.add(
      `("programCode" COLLATE "C", key COLLATE "C", "unitCode" COLLATE "C", id) > (${where.bind(programCode)}, ${where.bind(key)}, ${where.bind(unitCode)}, ${where.bind(id)}::uuid)`,
    );
    const pageSql = `SELECT * FROM ${source} ${where.toSql()} ${order} LIMIT ${where.bind(first + 1)}`;

    const [rows, [{ n }]] = await Promise.all([
      this.db.query(pageSql, where.params) as Promise<MilestoneRow[]>,
      this.db.query(countSql, countParams) as Promise<[{ n: number }]>,
    ]);
    return rowPage(rows, first, n);
  }
}
