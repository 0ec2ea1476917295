import { MonthSums } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { close, mismatchesOf, RollupMismatch } from '../rollup/verify-rollups';
import { IndicatorsRepository } from './indicators.repository';

/** Each indicator's kept national months against the sums computed from every value. */
export async function indicatorMonthMismatches(db: DataSource): Promise<RollupMismatch[]> {
  const repository = new IndicatorsRepository(db);
  const indicators = await repository.findAll();
  const ids = indicators.map((i) => i.id);
  const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
  type Month = MonthSums & { indicatorId: string };
  const byKey = (months: Month[]) =>
    new Map(months.map((m) => [`indicators/${codeOf.get(m.indicatorId)}/${m.period}`, m]));
  const same = (a: Month, b: Month) =>
    a.reportingUnits === b.reportingUnits &&
    close(a.numerator, b.numerator) &&
    (a.denominator === null || b.denominator === null
      ? a.denominator === b.denominator
      : close(a.denominator, b.denominator));
  return mismatchesOf(
    byKey(await repository.monthSums(ids)),
    byKey(await repository.computedMonthSums(ids)),
    same,
    (m) => `numerator=${m.numerator} denominator=${m.denominator} units=${m.reportingUnits}`,
  );
}
