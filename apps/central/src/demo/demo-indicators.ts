// The seed's indicators (domain.md "Indicators", Resolution 17/NQ-CP of 2019) and the
// values the provinces reported for them each month from July 2019: the 63 to June 2025,
// the 34 after (with --at).
import { IndicatorKind, IsoDate, monthsBetween, owesMonth, Period } from '@tracker/domain';
import { DefineIndicatorInput } from '../indicators/define-indicator.input';
import { checkInOf, reportsFor } from './demo-reporting';
import { AHEAD, roll } from './demo-provinces';

/** The first month the provinces reported indicator values for. */
export const FIRST_VALUE_MONTH: Period = '2019-07';

/** Viet Nam's population at the census of 1 April 2019. */
const POPULATION = 96_208_984;

export const DEMO_INDICATORS: DefineIndicatorInput[] = [
  {
    code: 'L4_SERVICES',
    name: 'Dịch vụ công trực tuyến mức độ 4',
    kind: IndicatorKind.RATIO,
    measure: '%',
    ownerCode: 'BTTTT',
    targets: [{ value: 0.3, due: '2020-12-31' }],
  },
  {
    code: 'ONLINE_DOSSIERS',
    name: 'Hồ sơ thủ tục hành chính được xử lý trực tuyến',
    kind: IndicatorKind.RATIO,
    measure: '%',
    ownerCode: 'BTTTT',
    targets: [{ value: 0.2, due: '2020-12-31' }],
  },
  {
    code: 'RECORDS_DIGITISED',
    name: 'Hồ sơ dân cư được số hóa',
    kind: IndicatorKind.COUNT,
    measure: 'hồ sơ',
    ownerCode: 'BCA',
    programCode: 'POPULATION',
    targets: [{ value: POPULATION, due: '2020-12-31' }],
  },
];

/** One value as a province's node reported it. */
export interface DemoIndicatorValue {
  indicatorCode: string;
  unitId: string;
  unitCode: string;
  period: Period;
  numerator: number;
  denominator: number | null;
  /** ISO instant: made and received at the province's check-in for the month. */
  reportedAt: string;
}

/** A province's size, 1 for an average one: the two big cities far above the rest. */
function sizeOf(code: string): number {
  if (code === '01') return 8;
  if (code === '79') return 9;
  return 0.4 + roll(`SIZE:${code}`) / 40;
}

/** A RATIO's share never reaches all: numerators stay below their denominators. */
const MOST = 0.95;

/** A stable pick in 0..n-1 per province and what it is for. */
const pick = (code: string, what: string, n: number) => roll(`${what}:${code}`) % n;

type Figures = (code: string, month: number, share: number) => [number, number | null];

/**
 * Each indicator's figures for a province in its `month`-th month from July 2019,
 * `share` being the province's part of the nation. Shares rise on a straight line of
 * the province's own; the cities ahead (demo-provinces.ts) start higher.
 *
 * - L4_SERVICES: 470-2,000 public services per province, 4.5-8.5% of them at level 4
 *   in July 2019 (cities 10%), 0.3-0.6 points more each month: about 8.5% nationally in
 *   November, far too slow for 30% by the end of 2020.
 * - ONLINE_DOSSIERS: the month's dossiers (8,000 for an average province, growing 1% a
 *   month), 7-12% processed online in July 2019 (cities 14%), about a point more a month.
 * - RECORDS_DIGITISED: cumulative records, 72-84% of the province's people in November
 *   2019 (75 million nationally), 1.5-2.1% more each month.
 */
const FIGURES: Record<string, Figures> = {
  L4_SERVICES: (code, month) => {
    const services = Math.round(400 + 170 * sizeOf(code));
    const start = AHEAD.has(code) ? 0.1 : 0.045 + pick(code, 'L4', 5) / 100;
    const share = Math.min(MOST, start + (0.003 + pick(code, 'L4+', 4) / 1000) * month);
    return [Math.round(services * share), services];
  },
  ONLINE_DOSSIERS: (code, month) => {
    const dossiers = Math.round(8000 * sizeOf(code) * (1 + 0.01 * month));
    const start = AHEAD.has(code) ? 0.14 : 0.07 + pick(code, 'DOSSIERS', 6) / 100;
    const share = Math.min(MOST, start + (0.008 + pick(code, 'DOSSIERS+', 5) / 1000) * month);
    return [Math.round(dossiers * share), dossiers];
  },
  RECORDS_DIGITISED: (code, month, share) => {
    const november = 0.72 + pick(code, 'RECORDS', 13) / 100;
    const covered = november + (0.015 + pick(code, 'RECORDS+', 7) / 1000) * (month - 4);
    return [Math.round(POPULATION * share * Math.min(1, covered)), null];
  },
};

/** A province of the demo, with its days and the 2019 provinces it stands for (itself, or those merged into it). */
export interface DemoProvince {
  id: string;
  code: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  sources: readonly string[];
}

/**
 * Every value the provinces sent for the months given: each province that owes the
 * month (domain owesMonth: after a merger, only the new one), less the months it
 * skipped, made and received at its check-in (demo-reporting.ts). A merged province's
 * figures are its predecessors' added up, so the national figures run on through the
 * merger. The same on every run.
 */
export function demoIndicatorValues(
  provinces: readonly DemoProvince[],
  months: readonly Period[],
  today: IsoDate,
): DemoIndicatorValue[] {
  const nation = provinces
    .filter((p) => p.validFrom === null)
    .reduce((sum, p) => sum + sizeOf(p.code), 0);
  return months.flatMap((period) =>
    provinces
      .filter((p) => owesMonth(p, period) && reportsFor(p.code, period))
      .flatMap((p) =>
        Object.entries(FIGURES).map(([indicatorCode, figures]): DemoIndicatorValue => {
          const month = monthsBetween(FIRST_VALUE_MONTH, period);
          const parts = p.sources.map((code) => figures(code, month, sizeOf(code) / nation));
          const denominators = parts.map(([, d]) => d);
          return {
            indicatorCode,
            unitId: p.id,
            unitCode: p.code,
            period,
            numerator: sum(parts.map(([n]) => n)),
            denominator: denominators.includes(null) ? null : sum(denominators as number[]),
            reportedAt: checkInOf(p.code, period, today),
          };
        }),
      ),
  );
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** The provinces with the 2019 provinces each stands for, from the units' successor links. */
export function withSources(
  units: readonly (Omit<DemoProvince, 'sources'> & { successorId: string | null })[],
): DemoProvince[] {
  const sourcesOf = (id: string, code: string): string[] => {
    const predecessors = units.filter((u) => u.successorId === id);
    return predecessors.length === 0
      ? [code]
      : predecessors.flatMap((u) => sourcesOf(u.id, u.code));
  };
  return units.map(({ successorId: _, ...u }) => ({ ...u, sources: sourcesOf(u.id, u.code) }));
}
