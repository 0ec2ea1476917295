import { Health, IsoDate } from '@tracker/domain';
import { RawBuilder, sql } from 'kysely';

/**
 * The health rules of domain.md as one SQL expression over a milestone (alias m)
 * and its plan item (alias pi), for the date bound at `today` (e.g. '$1').
 * It mirrors computeHealth in the domain library; health-sql.e2e-spec.ts runs
 * both over the same table of cases so they cannot drift apart.
 * It lives in SQL so that filtering and paging by health happen in the database.
 * The dependency test is two EXISTS, central and same-province, rather than one
 * with an OR: each is then an index lookup on (plan_item_id, unit_id), where the
 * OR made PostgreSQL scan every milestone once per milestone: quadratic, and
 * worse as updates bloat it. The central one takes the CENTRAL item's milestone
 * of the unit existing that day: its owner's then. After a ministry merger the
 * item has two (the ended owner's and its successor's), and the program's
 * owner_unit_id names only today's, which is wrong for a day before the merger;
 * the unit's dates are right on both sides. Still one lookup: an item has a
 * milestone per owner it ever had, a handful.
 */
export function healthSql(today: string): string {
  return `(CASE
    WHEN m.status = 'CANCELLED' THEN 'ON_TRACK'
    WHEN m.status = 'DONE' THEN 'DONE'
    WHEN m.status = 'BLOCKED' THEN 'BLOCKED'
    WHEN ${today}::date > pi.baseline_due THEN 'LATE'
    WHEN m.forecast_due > pi.baseline_due OR EXISTS (
      SELECT 1 FROM plan_item dpi JOIN milestone dm ON dm.plan_item_id = dpi.id
      JOIN unit du ON du.id = dm.unit_id AND (du.valid_from IS NULL OR du.valid_from <= ${today}::date)
        AND (du.valid_to IS NULL OR du.valid_to >= ${today}::date)
      WHERE dpi.program_id = pi.program_id AND dpi.key = ANY (pi.depends_on) AND dpi.scope = 'CENTRAL'
        AND (dm.status = 'BLOCKED' OR (dm.status NOT IN ('DONE', 'CANCELLED') AND ${today}::date > dpi.baseline_due))
    ) OR EXISTS (
      SELECT 1 FROM plan_item dpi JOIN milestone dm ON dm.plan_item_id = dpi.id AND dm.unit_id = m.unit_id
      WHERE dpi.program_id = pi.program_id AND dpi.key = ANY (pi.depends_on) AND dpi.scope = 'PROVINCE'
        AND (dm.status = 'BLOCKED' OR (dm.status NOT IN ('DONE', 'CANCELLED') AND ${today}::date > dpi.baseline_due))
    ) THEN 'AT_RISK'
    ELSE 'ON_TRACK'
  END)`;
}

/**
 * healthSql as a typed fragment with `today` bound by Kysely (each place the date
 * appears is a parameter of its own): the same text, so the same rules.
 */
export function healthOn(today: IsoDate): RawBuilder<Health> {
  const marker = '\u0000today\u0000';
  const parts = healthSql(marker).split(marker);
  return sql<Health>`${sql.join(
    parts.map((p) => sql.raw(p)),
    sql`${today}`,
  )}`;
}
