import { Health, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { sql } from 'kysely';
import { PrefetchedRows, TableRow } from '../platform/request/prefetched-rows';
import { RequestContext } from '../platform/request/request-context';
import { asOfQueries, ReadDay } from './as-of.sql';
import { healthOn } from './health.sql';

/** One milestone as read from the database, health computed for the query's date. */
export interface MilestoneRow {
  id: string;
  programId: string;
  programCode: string;
  planItemId: string;
  unitId: string;
  unitCode: string;
  key: string;
  title: string;
  scope: MilestoneScope;
  weight: number;
  status: MilestoneStatus;
  percentComplete: number;
  baselineDue: string;
  forecastDue: string | null;
  completedOn: string | null;
  blocker: string | null;
  note: string | null;
  version: number;
  lastReportedAt: Date | null;
  successorId: string | null;
  health: Health;
  titleFolded: string;
  unitNameFolded: string;
  /** With `withRefs`: the program's and the unit's table rows, for the request's other loaders. */
  programRow?: TableRow;
  unitRow?: TableRow;
}

/** Health as maintained (today), as kept (a past day kept), or computed for the day. */
function health(on: ReadDay) {
  if (on.maintained) return sql<Health>`mh.health`;
  return on.kept ? sql<Health>`m.health` : healthOn(on.day);
}

/**
 * Milestones (m) with their plan item (pi), program (p) and unit (u), selected as
 * MilestoneRow with health for the day, as they stood at its end (asOfQueries).
 * Health is read as maintained or kept where it is, computed otherwise.
 * `withRefs` adds the program's and unit's rows (PrefetchedRows), for a page that
 * shows them: no statement of their own then.
 */
export function milestoneRows(on: ReadDay, withRefs = false) {
  return asOfQueries(on)
    .selectFrom('milestone as m')
    .innerJoin('plan_item as pi', 'pi.id', 'm.plan_item_id')
    .innerJoin('program as p', 'p.id', 'm.program_id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .$if(on.maintained, (q) => q.innerJoin('milestone_health as mh', 'mh.milestone_id', 'm.id'))
    .select([
      'm.id',
      'm.program_id as programId',
      'p.code as programCode',
      'm.plan_item_id as planItemId',
      'm.unit_id as unitId',
      'u.code as unitCode',
      'pi.key',
      'pi.title',
      'pi.scope',
      'pi.weight',
      'm.status',
      'm.percent_complete as percentComplete',
      'pi.baseline_due as baselineDue',
      'm.forecast_due as forecastDue',
      'm.completed_on as completedOn',
      'm.blocker',
      'm.note',
      'm.version',
      'm.last_reported_at as lastReportedAt',
      'm.successor_id as successorId',
      health(on).as('health'),
      'pi.title_folded as titleFolded',
      'u.name_folded as unitNameFolded',
    ])
    .$if(withRefs, (q) =>
      q.select([
        sql<TableRow>`to_jsonb(p)`.as('programRow'),
        sql<TableRow>`to_jsonb(u)`.as('unitRow'),
      ]),
    )
    .$narrowType<{ scope: MilestoneScope; status: MilestoneStatus }>();
}

/** Hands the programs and units the rows were read with to the request's loaders. */
export function keepRefs(ctx: RequestContext, rows: readonly MilestoneRow[]): void {
  const kept = PrefetchedRows.of(ctx);
  kept.put(
    'program',
    rows.flatMap((r) => (r.programRow ? [r.programRow] : [])),
  );
  kept.put(
    'unit',
    rows.flatMap((r) => (r.unitRow ? [r.unitRow] : [])),
  );
}
