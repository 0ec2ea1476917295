import { CarriedState, deriveFromPredecessors, MilestoneStatus as S } from '@tracker/domain';
import { centralSql } from '@tracker/persistence';
import { derivedStateSql } from '../apps/central/src/milestones/as-of.sql';
import { sql } from './support/database';

/**
 * A successor milestone's state as of a past day is derived in SQL from its
 * predecessors' (as-of.sql.ts), and defined by the domain's deriveFromPredecessors.
 * This runs both over every sequence of up to three predecessor statuses, with
 * percents, forecasts, completions, blockers (one missing) and report times that
 * vary by position, and demands the same state.
 */
describe('the derived successor state in SQL agrees with deriveFromPredecessors', () => {
  const statuses = [S.NOT_STARTED, S.IN_PROGRESS, S.BLOCKED, S.DONE, S.CANCELLED];

  function predecessor(status: S, i: number, variant: number): CarriedState<string> {
    const day = (d: number) =>
      `2020-0${2 + ((i + variant) % 3)}-${String(10 + d).padStart(2, '0')}`;
    return {
      unitName: `Tỉnh ${String.fromCharCode(65 + i)}`,
      status,
      percentComplete:
        status === S.DONE ? 100 : status === S.NOT_STARTED ? 0 : 13 + 29 * i + variant,
      forecastDue: (i + variant) % 2 === 0 ? day(i) : null,
      completedOn: status === S.DONE ? day(2 * i + variant) : null,
      blocker: status === S.BLOCKED ? (variant % 2 === 0 ? `thiếu kinh phí ${i} ` : null) : null,
      lastReportedAt:
        status === S.NOT_STARTED && variant % 2 === 1
          ? null
          : new Date(Date.UTC(2020, 1, 3 + ((i * 5 + variant) % 11), 2 + i)).toISOString(),
    };
  }

  /** Every sequence of 0 to 3 statuses, in two variants of the other fields. */
  function cases(): CarriedState<string>[][] {
    const sequences: S[][] = [[]];
    for (let n = 1; n <= 3; n += 1)
      for (const seq of sequences.filter((s) => s.length === n - 1))
        for (const s of statuses) sequences.push([...seq, s]);
    return [0, 1].flatMap((variant) =>
      sequences.map((seq) => seq.map((status, i) => predecessor(status, i, variant))),
    );
  }

  it('for every sequence of up to three predecessors', async () => {
    const table = cases();
    expect(table).toHaveLength(2 * (1 + 5 + 25 + 125));
    const derived = derivedStateSql('p').compile(centralSql);
    expect(derived.parameters).toEqual([]);
    // the predecessors' unit codes sort as the input does: blockers are joined in that order
    const rows = await sql<Record<string, string | number | null>>(
      `SELECT c.n, d.status, d.percent_complete AS "percentComplete", d.forecast_due::text AS "forecastDue",
              d.completed_on::text AS "completedOn", d.blocker,
              (extract(epoch FROM d.last_reported_at) * 1000)::float8 AS "lastReportedMs"
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS c(preds, n)
       CROSS JOIN LATERAL (
         ${derived.sql}
         FROM (SELECT x.*, 'U' || x.i AS unit_code FROM jsonb_to_recordset(c.preds) AS x(i int, unit_name text,
           status text, percent_complete int, forecast_due date, completed_on date, blocker text,
           reported_at timestamptz)) p) d
       ORDER BY c.n`,
      [
        JSON.stringify(
          table.map((preds) =>
            preds.map((p, i) => ({
              i,
              unit_name: p.unitName,
              status: p.status,
              percent_complete: p.percentComplete,
              forecast_due: p.forecastDue,
              completed_on: p.completedOn,
              blocker: p.blocker,
              reported_at: p.lastReportedAt,
            })),
          ),
        ),
      ],
    );
    expect(rows).toHaveLength(table.length);
    const mismatches = table
      .map((preds, i) => {
        const want = deriveFromPredecessors(preds);
        const row = rows[i];
        const got = {
          status: row.status,
          percentComplete: Number(row.percentComplete),
          forecastDue: row.forecastDue,
          completedOn: row.completedOn,
          blocker: row.blocker,
          lastReportedAt:
            row.lastReportedMs === null ? null : new Date(Number(row.lastReportedMs)).toISOString(),
        };
        return { preds, want, got };
      })
      .filter(({ want, got }) => JSON.stringify(want) !== JSON.stringify(got));
    expect(mismatches).toEqual([]);
    // the table reaches every derived status, a blocker list and a missing blocker
    const derivedAll = table.map((p) => deriveFromPredecessors(p));
    expect(new Set(derivedAll.map((d) => d.status))).toEqual(
      new Set([S.NOT_STARTED, S.IN_PROGRESS, S.BLOCKED, S.DONE]),
    );
    expect(derivedAll.some((d) => d.blocker?.includes('; '))).toBe(true);
    expect(derivedAll.some((d) => d.blocker?.endsWith(':'))).toBe(true);
  });
});
