import { Injectable } from '@nestjs/common';
import { ESCALATION_LEVELS, programHealth, rollUp } from '@tracker/domain';
import { loadAll, Loaders } from '../graphql/loaders';
import { ProgramsRepository } from '../programs/programs.repository';
import { laggingFirst, provinceRows } from '../rollup/province-rows';
import { NationalDashboard } from './national-dashboard.type';

/**
 * The national picture in a handful of statements whatever the number of provinces:
 * the programs, their milestone facts (health computed in SQL), the provinces,
 * the node ledger and the live escalation counts.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly programs: ProgramsRepository) {}

  async national(loaders: Loaders): Promise<NationalDashboard> {
    const programs = await this.programs.findAll();
    const [factsByProgram, provinces, nodes, live] = await Promise.all([
      loadAll(
        loaders.facts,
        programs.map((p) => p.id),
      ),
      loaders.activeProvinces(),
      loaders.nodeSync(),
      loaders.liveEscalations(),
    ]);
    const count = (keep: (row: (typeof live)[number]) => boolean) =>
      live.filter(keep).reduce((n, row) => n + row.n, 0);
    return {
      asOf: loaders.today,
      programs: programs.map((program, i) => ({
        program,
        progress: rollUp(factsByProgram[i], loaders.today),
        health: programHealth(factsByProgram[i]),
        openEscalations: count((row) => row.programId === program.id),
      })),
      escalationsByLevel: ESCALATION_LEVELS.map((level) => ({
        level,
        count: count((row) => row.level === level),
      })),
      provincesWorstFirst: laggingFirst(
        provinceRows(provinces, factsByProgram.flat(), loaders.today, null, nodes),
      ),
    };
  }
}
