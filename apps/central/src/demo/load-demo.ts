import { Logger } from '@nestjs/common';
import { Actor } from '@tracker/auth';
import { addDays, firstDayOf, IsoDate, periodOf, Role } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { IndicatorsService } from '../indicators/indicators.service';
import { ProgramsService } from '../programs/programs.service';
import { ReorganisationService } from '../reorganisation/reorganisation.service';
import { advanceDemo, DEMO_DAY } from './advance-demo';
import { DEMO_INDICATORS, demoIndicatorValues, FIRST_VALUE_MONTH } from './demo-indicators';
import { historyToDemoDay } from './demo-monthly-reports';
import { DEMO_PROGRAMS } from './demo-programs';
import { monthsFrom } from './demo-reporting';
import { PROVINCE_STATES } from './demo-provinces';
import { DemoRepository, UnitState } from './demo.repository';

const DEMO_PMO: Actor = { sub: 'demo-pmo', role: Role.PMO, jti: 'demo' };

/** The plans were published in mid-November 2019, right after the Assembly session. */
const PUBLISHED_AT = '2019-11-15T09:00:00+07:00';

/** The services the demo loads its data through, as the API's callers would. */
export interface DemoServices {
  programs: ProgramsService;
  indicators: IndicatorsService;
  reorganisation: ReorganisationService;
}

/**
 * Loads the demo programs into a database that has none: creates and publishes
 * them through the same service the API uses, then sets each milestone's reported
 * state, recorded as the history that set it, after the provinces' monthly reports
 * before it (historyToDemoDay); defines the seed's indicators, with the provinces'
 * values from July 2019 to February 2020. With `at` after 1 March 2020, the history
 * runs on to that day (advanceDemo). A database that already has programs is left alone.
 */
export async function loadDemo(
  db: DataSource,
  { programs, indicators, reorganisation }: DemoServices,
  at: IsoDate = DEMO_DAY,
): Promise<void> {
  const repo = new DemoRepository(db);
  if ((await repo.programCount()) > 0) return;
  const log = new Logger('Demo');
  const provinces = await repo.provinces();
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
      for (const { code } of provinces) {
        for (const [key, state] of Object.entries(perProvince(code)))
          states.push({ unitCode: code, key, state });
      }
    }
    await repo.applyStates(demo.code, states);
  }
  await repo.publishedAt(PUBLISHED_AT);
  const monthlyFrom = (code: string) => DEMO_PROGRAMS.find((p) => p.code === code)?.monthlyFrom;
  const provinceCodes = new Set(provinces.map((p) => p.code));
  await repo.recordReports(
    historyToDemoDay(await repo.reportedStates(), monthlyFrom, provinceCodes, DEMO_DAY),
  );
  // the PMO defined the indicators as it would through the API (defineIndicator)
  for (const input of DEMO_INDICATORS) await indicators.define(input, DEMO_PMO);
  if (at > DEMO_DAY) await advanceDemo(repo, reorganisation, DEMO_PMO, at);
  // the values of every month before the day's, by the provinces of each (after the reorganisations)
  const months = monthsFrom(FIRST_VALUE_MONTH, periodOf(addDays(firstDayOf(periodOf(at)), -1)));
  await repo.recordIndicatorValues(demoIndicatorValues(await repo.provinces(), months, at));
  log.log(
    `demo loaded: ${DEMO_PROGRAMS.length} programs as reported at the start of March 2020${at > DEMO_DAY ? `, history to ${at}` : ''}`,
  );
}
