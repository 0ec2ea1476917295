import { addDays, daysBetween, IsoDate, MilestoneStatus } from '@tracker/domain';
import { roll } from './demo-provinces';

const { DONE, CANCELLED, IN_PROGRESS, BLOCKED } = MilestoneStatus;

/** A demo milestone as it stands at the start of a stretch of history. */
export interface DemoMilestone {
  id: string;
  unitId: string;
  programCode: string;
  key: string;
  unitCode: string;
  baselineDue: IsoDate;
  status: MilestoneStatus;
  percentComplete: number;
  /** The Việt Nam day of its last report, if any. */
  lastReportedOn: IsoDate | null;
}

/** One report of the demo's history, as a node would have pushed it. */
export interface DemoReport {
  milestoneId: string;
  unitId: string;
  programCode: string;
  key: string;
  unitCode: string;
  status: MilestoneStatus;
  percentComplete: number;
  forecastDue: IsoDate | null;
  completedOn: IsoDate | null;
  blocker: string | null;
  note: string | null;
  /** ISO instant, mid-morning in Việt Nam. */
  reportedAt: string;
  /** When the centre received it (ISO instant); when it was made if absent. */
  receivedAt?: string;
}

const BLOCKERS = [
  'Chờ bố trí kinh phí năm sau',
  'Chờ hướng dẫn kết nối sau sắp xếp đơn vị hành chính',
  'Nhà thầu chậm bàn giao phần mềm',
  'Thiếu máy chủ tại trung tâm dữ liệu tỉnh',
];

/**
 * A milestone's reports from `from` to `to` (both included): every 45-90 days it
 * reports its progress, moving on a straight line from where it stood to 100% on a
 * finish day of its own (on time for a third, up to six and a half years late for
 * the rest, as the land databases of the 2020s were),
 * now and then blocked for one report, and DONE on the first report after the
 * finish. The same milestone always gets the same history: demos are reproducible.
 */
export function demoReports(m: DemoMilestone, from: IsoDate, to: IsoDate): DemoReport[] {
  if (m.status === DONE || m.status === CANCELLED || to < from) return [];
  const seed = `${m.programCode}/${m.key}/${m.unitCode}`;
  const r = roll(seed);
  const cadence = 45 + (r % 46);
  const startedOn = m.lastReportedOn && m.lastReportedOn > from ? m.lastReportedOn : from;
  let finish = addDays(m.baselineDue, r % 3 === 0 ? -(r % 20) : (r * 37) % 2400);
  if (finish <= startedOn) finish = addDays(startedOn, 30 + (r % 120));
  const forecastDue = finish > m.baselineDue ? finish : null;
  const reports: DemoReport[] = [];
  const report = (on: IsoDate, state: Partial<DemoReport>) =>
    reports.push({
      milestoneId: m.id,
      unitId: m.unitId,
      programCode: m.programCode,
      key: m.key,
      unitCode: m.unitCode,
      status: IN_PROGRESS,
      percentComplete: m.percentComplete,
      forecastDue,
      completedOn: null,
      blocker: null,
      note: null,
      reportedAt: `${on}T10:00:00+07:00`,
      ...state,
    });
  let percent = m.percentComplete;
  for (let on = addDays(startedOn, cadence); on <= to; on = addDays(on, cadence)) {
    if (on >= finish) {
      report(on, { status: DONE, percentComplete: 100, forecastDue: null, completedOn: finish });
      break;
    }
    if (roll(`${seed}@${on}`) < 6) {
      report(on, {
        status: BLOCKED,
        percentComplete: percent,
        blocker: BLOCKERS[r % BLOCKERS.length],
      });
      continue;
    }
    const done = daysBetween(startedOn, on) / daysBetween(startedOn, finish);
    percent = Math.max(
      percent,
      Math.min(99, Math.floor(m.percentComplete + (100 - m.percentComplete) * done)),
    );
    report(on, { percentComplete: percent });
  }
  return reports;
}
