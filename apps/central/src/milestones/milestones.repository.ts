import { keysetPage, Page } from '@tracker/api';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { foldForSearch, Health } from '@tracker/domain';
import { anyOf, centralSql, rows } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { containsPattern, unitExistsOn } from '../units/units.repository';
import { ReadDay } from './as-of.sql';
import { keptMilestones } from './kept-days';
import { MilestoneFilter } from './milestone-filter.input';
import { milestoneRows, MilestoneRow } from './milestone.row';

export type MilestonePage = Page<MilestoneRow>;

/**
 * Codes and keys are identifiers: they sort byte-wise (COLLATE "C") so the order
 * is the same on every server whatever its locale.
 */
const C = (column: string) => sql<string>`${sql.ref(column)} COLLATE "C"`;

/**
 * The codes (and the id) a page sorts by. When the roll-ups hold the day, milestone_health keeps
 * them beside the health (migration MilestonePageOrder), and its index on (health,
 * codes, id) hands a page of one health its rows in order without sorting the rest.
 */
function pageOrder(on: ReadDay) {
  const kept = (column: string) => sql<string>`${sql.ref(`mh.${column}`)}`;
  return on.maintained
    ? [kept('program_code'), kept('item_key'), kept('unit_code'), kept('milestone_id')]
    : [C('p.code'), C('pi.key'), C('u.code'), sql<string>`m.id`];
}

@Injectable()
export class MilestonesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * By id, whatever its unit: a merged unit's milestone stays readable, history is kept.
   * With their programs' and units' rows: whoever asks for one usually shows them.
   */
  async findByIds(ids: readonly string[], on: ReadDay): Promise<MilestoneRow[]> {
    const at = await keptMilestones(this.db, on, null);
    return rows(this.db, milestoneRows(at, true).where('m.id', '=', anyOf(ids, 'uuid')));
  }

  /** The milestones merged into these (their successor_id), in unit code order. */
  async findPredecessors(successorIds: readonly string[], on: ReadDay): Promise<MilestoneRow[]> {
    const at = await keptMilestones(this.db, on, null);
    return rows(
      this.db,
      milestoneRows(at).where('m.successor_id', '=', anyOf(successorIds, 'uuid')).orderBy('u.code'),
    );
  }

  /**
   * The milestones of these units, in the given programs (every program when
   * `anyProgram`), in program code then key order: a board row's milestones.
   */
  async forUnits(
    unitIds: readonly string[],
    programIds: readonly string[],
    anyProgram: boolean,
    on: ReadDay,
  ): Promise<MilestoneRow[]> {
    const at = await keptMilestones(this.db, on, anyProgram ? null : programIds);
    let query = milestoneRows(at).where('m.unit_id', '=', anyOf(unitIds, 'uuid'));
    if (!anyProgram) query = query.where('m.program_id', '=', anyOf(programIds, 'uuid'));
    return rows(this.db, query.orderBy(C('p.code')).orderBy(C('pi.key')));
  }

  /**
   * One page of milestones in (program, key, unit code, id) order, filtered in SQL
   * (health included, so paging by health is exact), and the total without paging.
   * Only milestones of units that exist on the day: a merged unit's are its successor's.
   */
  async page(
    filter: MilestoneFilter,
    first: number,
    after: string | undefined,
    on: ReadDay,
  ): Promise<MilestonePage> {
    // Filtered as a derived table, on its columns (health among them), as the page sorts.
    const [program, key, unit, id] = pageOrder(on);
    const existing = milestoneRows(await keptMilestones(this.db, on, null), true)
      .where(unitExistsOn(on.day))
      .select([
        program.as('orderProgram'),
        key.as('orderKey'),
        unit.as('orderUnit'),
        id.as('orderId'),
      ]);
    let query = centralSql.selectFrom(existing.as('ms')).selectAll('ms');
    if (filter.programCode) query = query.where('ms.orderProgram', '=', filter.programCode);
    if (filter.unitCode) query = query.where('ms.orderUnit', '=', filter.unitCode);
    if (filter.status?.length) query = query.where('ms.status', '=', anyOf(filter.status, 'text'));
    const healths = [...new Set(filter.health ?? [])];
    // one health as `=`: PostgreSQL 15 reads an index in order for `=`, not for `= ANY`
    if (healths.length === 1) query = query.where('ms.health', '=', healths[0]);
    else if (healths.length) query = query.where('ms.health', '=', anyOf(healths, 'text'));
    if (filter.scope) query = query.where('ms.scope', '=', filter.scope);
    const escalated = filter.escalated;
    if (escalated != null) {
      query = query.where((eb) => {
        const live = eb.exists(
          eb
            .selectFrom('escalation as e')
            .select(sql.lit(1).as('one'))
            .whereRef('e.milestone_id', '=', 'ms.id')
            .where('e.state', '<>', 'RESOLVED'),
        );
        return escalated ? live : eb.not(live);
      });
    }
    const folded = filter.search ? foldForSearch(filter.search) : '';
    const kept = keptCount(filter, healths, folded, on);
    if (folded) {
      const pattern = containsPattern(folded);
      query = query.where((eb) =>
        eb.or([eb('ms.titleFolded', 'like', pattern), eb('ms.unitNameFolded', 'like', pattern)]),
      );
    }
    return keysetPage(
      this.db,
      query,
      {
        direction: 'asc',
        columns: [
          { by: sql.ref('ms.orderProgram'), cast: 'text', of: (r) => r.orderProgram },
          { by: sql.ref('ms.orderKey'), cast: 'text', of: (r) => r.orderKey },
          { by: sql.ref('ms.orderUnit'), cast: 'text', of: (r) => r.orderUnit },
          { by: sql.ref('ms.orderId'), cast: 'uuid', of: (r) => r.orderId },
        ],
      },
      first,
      after,
      kept,
    );
  }
}

/**
 * The healths rollup_cell counts, by column. Not ON_TRACK: the cells leave cancelled
 * milestones out, and a cancelled milestone reads ON_TRACK.
 */
const CELL_COUNTS: Partial<Record<Health, 'late' | 'blocked' | 'at_risk' | 'done'>> = {
  [Health.LATE]: 'late',
  [Health.BLOCKED]: 'blocked',
  [Health.AT_RISK]: 'at_risk',
  [Health.DONE]: 'done',
};

/**
 * A page's total from the maintained cells, when they hold the day and the filter
 * asks only what they count (healths they keep, a program, a unit): the sum over
 * the cells of the units existing that day, as the page keeps only their milestones.
 */
function keptCount(
  filter: MilestoneFilter,
  healths: readonly Health[],
  folded: string,
  on: ReadDay,
) {
  const columns = healths.map((h) => CELL_COUNTS[h]);
  const countable =
    on.maintained &&
    columns.length > 0 &&
    columns.every((c) => c !== undefined) &&
    !filter.status?.length &&
    !filter.scope &&
    filter.escalated == null &&
    !folded;
  if (!countable) return undefined;
  const { programCode, unitCode } = filter;
  const summed = columns.map((c) => sql.ref(`c.${c}`));
  return centralSql
    .selectFrom('rollup_cell as c')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .innerJoin('program as p', 'p.id', 'c.program_id')
    .select(sql<number>`COALESCE(sum(${sql.join(summed, sql` + `)}), 0)`.as('n'))
    .where(unitExistsOn(on.day))
    .$if(!!programCode, (q) => q.where('p.code', '=', programCode ?? ''))
    .$if(!!unitCode, (q) => q.where('u.code', '=', unitCode ?? ''))
    .$asScalar();
}
