import { Injectable } from '@nestjs/common';
import { ESCALATION_LEVELS, programHealth, rollUp } from '@tracker/domain';
import { loadAll, Loaders } from '../graphql/loaders';
import { ProgramsRepository } from '../programs/programs.repository';
import { laggingFirst, provinceRows } from '../rollup/province-rows';
import { NationalDashboard } from './national-dashboard.type';

/**
 * The national picture in three statements whatever the number of provinces:
 * the programs, their milestone facts (health computed in SQL), the provinces.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly programs: ProgramsRepository) {}

  async national(loaders: Loaders): Promise<NationalDashboard> {
    const programs = await this.programs.findAll();
    const [factsByProgram, provinces, nodes] = await Promise.all([
      loadAll(
        loaders.facts,
        programs.map((p) => p.id),
      ),
      loaders.activeProvinces(),
      loaders.nodeSync(),
    ]);
    const allFacts = factsByProgram.flat();
    return {
      asOf: loaders.today,
      programs: programs.map((program, i) => {
        const facts = factsByProgram[i];
        return {
          program,
          progress: rollUp(facts, loaders.today),
          health: programHealth(facts),
          openEscalations: 0,
        };
      }),
      // Escalations are raised by the escalation engine, which is not built yet.
      escalationsByLevel: ESCALATION_LEVELS.map((level) => ({ level, count: 0 })),
      provincesWorstFirst: laggingFirst(
        provinceRows(provinces, allFacts, loaders.today, null, nodes),
      ),
    };
  }
}
