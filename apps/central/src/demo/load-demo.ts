import { Logger } from '@nestjs/common';
import { Actor } from '@tracker/auth';
import { IsoDate, Role } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { ProgramsService } from '../programs/programs.service';
import { ReorganisationService } from '../reorganisation/reorganisation.service';
import { advanceDemo, DEMO_DAY } from './advance-demo';
import { DEMO_PROGRAMS } from './demo-programs';
import { PROVINCE_STATES } from './demo-provinces';
import { DemoRepository, UnitState } from './demo.repository';

const DEMO_PMO: Actor = { sub: 'demo-pmo', role: Role.PMO, jti: 'demo' };

/** The plans were published in mid-November 2019, right after the Assembly session. */
const PUBLISHED_AT = '2019-11-15T09:00:00+07:00';

/**
 * Loads the demo programs into a database that has none: creates and publishes
 * them through the same service the API uses, then sets each milestone's reported
 * state, recorded as the history that set it. With `at` after 1 March 2020, the history
 * runs on to that day (advanceDemo). A database that already has programs is left alone.
 */
export async function loadDemo(
  db: DataSource,
  programs: ProgramsService,
  reorganisation: ReorganisationService,
  at: IsoDate = DEMO_DAY,
): Promise<void> {
  const repo = new DemoRepository(db);
  if ((await repo.programCount()) > 0) return;
  const log = new Logger('Demo');
  const provinces = await repo.provinceCodes();
  for (const demo of DEMO_PROGRAMS) {
    await programs.create(
      {
        code: demo.code,
        name: demo.name,
        ownerCode: demo.ownerCode,
        model: demo.model,
        targetDate: demo.targetDate,
      },
      DEMO_PMO,
    );
    await programs.publishPlan(
      {
        programCode: demo.code,
        expectedVersion: 0,
        items: demo.items.map((it) => ({
          ...it,
          weight: it.weight ?? 1,
          dependsOn: it.dependsOn ?? [],
        })),
      },
      DEMO_PMO,
    );
    const states: UnitState[] = Object.entries(demo.central).map(([key, state]) => ({
      unitCode: demo.ownerCode,
      key,
      state,
    }));
    const perProvince = PROVINCE_STATES[demo.code];
    if (perProvince) {
      for (const code of provinces) {
        for (const [key, state] of Object.entries(perProvince(code)))
          states.push({ unitCode: code, key, state });
      }
    }
    await repo.applyStates(demo.code, states);
  }
  await repo.publishedAt(PUBLISHED_AT);
  await repo.recordStatesAsHistory();
  if (at > DEMO_DAY) await advanceDemo(repo, reorganisation, DEMO_PMO, at);
  log.log(
    `demo loaded: ${DEMO_PROGRAMS.length} programs as reported at the start of March 2020${at > DEMO_DAY ? `, history to ${at}` : ''}`,
  );
}
