import { Injectable } from '@nestjs/common';
import {
  ESCALATION_LEVELS,
  IsoDate,
  NO_MILESTONES,
  programHealthOf,
  progressOf,
} from '@tracker/domain';
import { readDay } from '../milestones/as-of.sql';
import { EscalationLoaders } from '../escalations/escalation.loaders';
import { RequestContext } from '../platform/request/request-context';
import { ProgramsRepository } from '../programs/programs.repository';
import { laggingFirst, provinceRows } from '../rollup/province-rows';
import { RollupSumsRepository } from '../rollup/rollup-sums.repository';
import { SyncLoaders } from '../sync/sync.loaders';
import { UnitLoaders } from '../units/unit.loaders';
import { NationalDashboard } from './national-dashboard.type';

/**
 * The national picture in a handful of statements whatever the number of provinces:
 * the programs, their roll-up sums by program and by unit (one grouped pass, health
 * computed in SQL), the provinces, the node ledger and the live escalation counts.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly programs: ProgramsRepository,
    private readonly sums: RollupSumsRepository,
    private readonly units: UnitLoaders,
    private readonly sync: SyncLoaders,
    private readonly escalations: EscalationLoaders,
  ) {}

  /** The picture at the end of `day` (today, or a past day read from history). */
  async national(ctx: RequestContext, day: IsoDate): Promise<NationalDashboard> {
    const programs = await this.programs.findAll();
    const [totals, provinces, nodes, live] = await Promise.all([
      this.sums.totals(
        programs.map((p) => p.id),
        readDay(day, ctx),
      ),
      this.units.of(ctx, day).activeProvinces(),
      this.sync.of(ctx).nodeSync(),
      this.escalations.of(ctx, day).liveEscalations(),
    ]);
    const count = (keep: (row: (typeof live)[number]) => boolean) =>
      live.filter(keep).reduce((n, row) => n + row.n, 0);
    return {
      asOf: day,
      programs: programs.map((program) => {
        const sums = totals.byProgram.get(program.id) ?? NO_MILESTONES;
        return {
          program,
          progress: progressOf(sums),
          health: programHealthOf(sums),
          openEscalations: count((row) => row.programId === program.id),
        };
      }),
      escalationsByLevel: ESCALATION_LEVELS.map((level) => ({
        level,
        count: count((row) => row.level === level),
      })),
      provincesWorstFirst: laggingFirst(provinceRows(provinces, totals.byUnit, null, day, nodes)),
    };
  }
}
