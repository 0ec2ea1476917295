import { Logger } from '@nestjs/common';
import { Actor } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { ProgramsService } from '../programs/programs.service';
import { DEMO_PROGRAMS, DemoState } from './demo-programs';
import { PROVINCE_STATES } from './demo-provinces';

const DEMO_PMO: Actor = { sub: 'demo-pmo', role: Role.PMO, jti: 'demo' };

/** The plans were published in mid-November 2019, right after the Assembly session. */
const PUBLISHED_AT = '2019-11-15T09:00:00+07:00';

/**
 * Loads the demo programs into a database that has none: creates and publishes
 * them through the same service the API uses, then sets each milestone's reported
 * state. A database that already has programs is left alone.
 */
export async function loadDemo(db: DataSource, programs: ProgramsService): Promise<void> {
  const [{ n }]: [{ n: number }] = await db.query(`SELECT count(*)::int AS n FROM program`);
  if (n > 0) return;
  const log = new Logger('Demo');
  const provinces: { code: string }[] = await db.query(
    `SELECT code FROM unit WHERE kind = 'PROVINCE'`,
  );
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
    const states: { unitCode: string; key: string; state: DemoState }[] = Object.entries(
      demo.central,
    ).map(([key, state]) => ({ unitCode: demo.ownerCode, key, state }));
    const perProvince = PROVINCE_STATES[demo.code];
    if (perProvince) {
      for (const { code } of provinces) {
        for (const [key, state] of Object.entries(perProvince(code)))
          states.push({ unitCode: code, key, state });
      }
    }
    await applyStates(db, demo.code, states);
  }
  await db.query(`UPDATE milestone SET created_at = $1`, [PUBLISHED_AT]);
  await db.query(`UPDATE plan_version SET published_at = $1`, [PUBLISHED_AT]);
  log.log(`demo loaded: ${DEMO_PROGRAMS.length} programs as reported at the start of March 2020`);
}

async function applyStates(
  db: DataSource,
  programCode: string,
  states: { unitCode: string; key: string; state: DemoState }[],
): Promise<void> {
  await db.query(
    `UPDATE milestone m SET status = x.status, percent_complete = x.percent, forecast_due = x.forecast,
            completed_on = x.completed, blocker = x.blocker, note = x.note, last_reported_at = x.reported,
            blocked_since = CASE WHEN x.status = 'BLOCKED' THEN x.reported END
     FROM jsonb_to_recordset($2::jsonb)
       AS x(unit text, key text, status text, percent int, forecast date, completed date, blocker text, note text, reported timestamptz),
       plan_item pi, program p, unit u
     WHERE p.code = $1 AND pi.program_id = p.id AND pi.key = x.key AND u.code = x.unit
       AND m.plan_item_id = pi.id AND m.unit_id = u.id`,
    [
      programCode,
      JSON.stringify(
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
      ),
    ],
  );
}
