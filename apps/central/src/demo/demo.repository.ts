import { UnitKind } from '@tracker/domain';
import { centralSql, one, Queryable, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DemoState } from './demo-program.type';

/** A milestone's demo state: the unit's, of the plan item `key`. */
export interface UnitState {
  unitCode: string;
  key: string;
  state: DemoState;
}

/** The demo loader's SQL: what it asks of the database and the states it sets directly. */
export class DemoRepository {
  constructor(private readonly db: Queryable) {}

  async programCount(): Promise<number> {
    const row = await one(
      this.db,
      centralSql.selectFrom('program').select(sql<number>`count(*)::int`.as('n')),
    );
    return row!.n;
  }

  async provinceCodes(): Promise<string[]> {
    const found = await rows(
      this.db,
      centralSql.selectFrom('unit').select('code').where('kind', '=', UnitKind.PROVINCE),
    );
    return found.map((u) => u.code);
  }

  /**
   * Sets each named milestone of the program to its reported state, in one statement.
   * A statement template: Kysely's UPDATE … FROM takes no jsonb_to_recordset with its
   * column definitions; the values are bound all the same.
   */
  async applyStates(programCode: string, states: UnitState[]): Promise<void> {
    const json = JSON.stringify(
      states.map(({ unitCode, key, state }) => ({
        unit: unitCode,
        key,
        status: state.status,
        percent: state.percentComplete,
        forecast: state.forecastDue ?? null,
        completed: state.completedOn ?? null,
        blocker: state.blocker ?? null,
        note: state.note ?? null,
        reported: state.reportedAt,
      })),
    );
    await run(
      this.db,
      sql`UPDATE milestone m SET status = x.status, percent_complete = x.percent, forecast_due = x.forecast,
            completed_on = x.completed, blocker = x.blocker, note = x.note, last_reported_at = x.reported,
            blocked_since = CASE WHEN x.status = 'BLOCKED' THEN x.reported END
          FROM jsonb_to_recordset(${json}::jsonb)
            AS x(unit text, key text, status text, percent int, forecast date, completed date, blocker text,
              note text, reported timestamptz),
            plan_item pi, program p, unit u
          WHERE p.code = ${programCode} AND pi.program_id = p.id AND pi.key = x.key AND u.code = x.unit
            AND m.plan_item_id = pi.id AND m.unit_id = u.id`,
    );
  }

  /** Dates every milestone's creation and every plan version's publication `at`. */
  async publishedAt(at: string): Promise<void> {
    await run(this.db, centralSql.updateTable('milestone').set({ created_at: at }));
    await run(this.db, centralSql.updateTable('plan_version').set({ published_at: at }));
  }
}
