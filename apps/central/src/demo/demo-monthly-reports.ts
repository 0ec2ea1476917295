import { vietnamDate } from '@tracker/api';
import {
  addDays,
  firstDayOf,
  IsoDate,
  MilestoneStatus,
  monthsBetween,
  Period,
  periodOf,
} from '@tracker/domain';
import { DemoReport } from './demo-history';
import { monthsFrom, receivedAtOf, reportsFor } from './demo-reporting';
import { roll } from './demo-provinces';

const { DONE, IN_PROGRESS, NOT_STARTED } = MilestoneStatus;

const previousMonth = (period: Period): Period => periodOf(addDays(firstDayOf(period), -1));

/**
 * The demo's history up to its day: each milestone's reported state (the report that
 * set it), and before it, for a province's items of a program its provinces report on
 * monthly (`monthlyFrom`), the province's check-in report of each earlier month from
 * then. Those move on a straight line from 0 toward the state (IN_PROGRESS, NOT_STARTED
 * while under 1%; no forecast, blocker or note: trouble shows in the state's own
 * report), dated days 24-28 of their month, so the report that set the state stays the
 * last of its milestone and today's boards and escalations read as before. Months a
 * province skipped have none; the never-on-time provinces' reports reach the centre at
 * their late check-in (demo-reporting.ts). In time order, as seqs are given.
 */
export function historyToDemoDay(
  states: readonly DemoReport[],
  monthlyFrom: (programCode: string) => Period | undefined,
  provinces: ReadonlySet<string>,
  today: IsoDate,
): DemoReport[] {
  const reports = states.flatMap((state) => {
    if (!provinces.has(state.unitCode)) return [state];
    const from = monthlyFrom(state.programCode);
    const months = from ? monthsFrom(from, previousMonth(periodOf(dayOf(state.reportedAt)))) : [];
    const goal = state.status === DONE ? 100 : state.percentComplete;
    const checkIns = months
      .filter((period) => reportsFor(state.unitCode, period))
      .map((period): DemoReport => {
        const percent = Math.floor(
          (goal * (monthsBetween(from!, period) + 1)) / (months.length + 1),
        );
        const day = 24 + (roll(`CHECK-IN:${state.unitCode}@${period}`) % 5);
        return {
          ...state,
          status: percent > 0 ? IN_PROGRESS : NOT_STARTED,
          percentComplete: percent,
          forecastDue: null,
          completedOn: null,
          blocker: null,
          note: null,
          reportedAt: `${period}-${day}T10:00:00+07:00`,
        };
      });
    return [...checkIns, state].map((r) => ({
      ...r,
      receivedAt: receivedAtOf(r.unitCode, r.reportedAt, today),
    }));
  });
  return reports.sort((a, b) => instant(a.reportedAt) - instant(b.reportedAt));
}

const instant = (iso: string) => new Date(iso).getTime();
const dayOf = (iso: string) => vietnamDate(new Date(iso));
