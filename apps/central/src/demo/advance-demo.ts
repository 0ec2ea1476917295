import { Logger } from '@nestjs/common';
import { Actor } from '@tracker/auth';
import { addDays, IsoDate } from '@tracker/domain';
import { MergerMapName, readMergerMap } from '@tracker/persistence';
import { ReorganisationService } from '../reorganisation/reorganisation.service';
import { demoReports } from './demo-history';
import { DemoRepository } from './demo.repository';

/** The day the demo's reported states stand at (demo-provinces.ts). */
export const DEMO_DAY = '2020-03-01';

/** The reorganisations of 2025, each applied on its day when the demo runs past it. */
const REORGANISATIONS: { effectiveOn: IsoDate; map: MergerMapName }[] = [
  { effectiveOn: '2025-03-01', map: 'agencies-2025' },
  { effectiveOn: '2025-07-01', map: 'provinces-2025' },
];

/**
 * Runs the demo's history on from 1 March 2020 to `to`: every unit that exists
 * reports its progress (demoReports), and each 2025 reorganisation is applied on its
 * day through the same service as the API, so the new units carry their
 * predecessors on and report for themselves from then.
 */
export async function advanceDemo(
  repo: DemoRepository,
  reorganisation: ReorganisationService,
  pmo: Actor,
  to: IsoDate,
): Promise<void> {
  const log = new Logger('Demo');
  let from = addDays(DEMO_DAY, 1);
  for (const step of REORGANISATIONS.filter((r) => r.effectiveOn <= to)) {
    await report(repo, from, addDays(step.effectiveOn, -1));
    const done = await reorganisation.reorganise(
      readMergerMap(step.map, step.effectiveOn),
      { dryRun: false, note: `the demo's history: ${step.map}` },
      pmo,
    );
    log.log(
      `demo: ${step.map} applied on ${step.effectiveOn} (${done.newUnits.length} units begun)`,
    );
    from = step.effectiveOn;
  }
  await report(repo, from, to);
}

async function report(repo: DemoRepository, from: IsoDate, to: IsoDate): Promise<void> {
  const milestones = await repo.milestonesOn(from);
  const reports = milestones
    .flatMap((m) => demoReports(m, from, to))
    .sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0));
  await repo.recordReports(reports);
}
