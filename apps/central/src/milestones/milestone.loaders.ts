import { Injectable } from '@nestjs/common';
import { IsoDate } from '@tracker/domain';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../platform/request/batching';
import { readDay } from './as-of.sql';
import { RequestContext } from '../platform/request/request-context';
import { PerRequest } from '../platform/request/per-request';
import { toMilestone } from './milestone.mapper';
import { keepRefs } from './milestone.row';
import { Milestone } from './milestone.type';
import { MilestonesRepository } from './milestones.repository';

const ANY_PROGRAM = '*';

/** The rowMilestones key of a board row: its program (null: every program) and unit. */
export function rowMilestonesKey(programId: string | null, unitId: string): string {
  return `${programId ?? ANY_PROGRAM}|${unitId}`;
}

export interface MilestoneLoaderSet {
  milestone: DataLoader<string, Milestone | null>;
  /** The merged units' milestones each carries on, by successor id. */
  predecessors: DataLoader<string, Milestone[]>;
  /** A board row's milestones, keyed by rowMilestonesKey(programId, unitId). */
  rowMilestones: DataLoader<string, Milestone[]>;
}

@Injectable()
export class MilestoneLoaders extends PerRequest<MilestoneLoaderSet> {
  constructor(private readonly milestones: MilestonesRepository) {
    super();
  }

  protected create(day: IsoDate, ctx: RequestContext): MilestoneLoaderSet {
    const on = readDay(day, ctx);
    return {
      milestone: new DataLoader(async (ids) => {
        const rows = await this.milestones.findByIds(ids, on);
        keepRefs(ctx, rows);
        return byKey(
          ids,
          rows.map((row) => toMilestone(row, day)),
          (m) => m.id,
        );
      }),
      predecessors: new DataLoader(async (ids) =>
        groupBy(
          ids,
          (await this.milestones.findPredecessors(ids, on)).map((row) => toMilestone(row, day)),
          (m) => m.successorId!,
        ),
      ),
      rowMilestones: new DataLoader(async (keys) => {
        const pairs = keys.map((k) => k.split('|') as [string, string]);
        const programIds = [...new Set(pairs.map(([p]) => p).filter((p) => p !== ANY_PROGRAM))];
        const rows = await this.milestones.forUnits(
          [...new Set(pairs.map(([, u]) => u))],
          programIds,
          pairs.some(([p]) => p === ANY_PROGRAM),
          on,
        );
        const grouped = new Map<string, Milestone[]>(keys.map((k) => [k, []]));
        for (const row of rows) {
          const milestone = toMilestone(row, day);
          grouped.get(rowMilestonesKey(row.programId, row.unitId))?.push(milestone);
          grouped.get(rowMilestonesKey(null, row.unitId))?.push(milestone);
        }
        return keys.map((k) => grouped.get(k)!);
      }),
    };
  }
}
