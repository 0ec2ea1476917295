/* eslint-disable jest/no-conditional-expect -- a property holds on either branch: a refusal, or an applied state */
import fc from 'fast-check';
import { vietnamDate } from '@tracker/api';
import {
  decideBatch,
  IncomingUpdate,
  MilestoneStatus,
  Role,
  TargetMilestone,
} from '@tracker/domain';
import { Client } from 'pg';
import { sql } from './support/database';
import { DEMO_CLOCK, demoCentral } from './support/central';
import { PUSH } from './support/updates';
import { nodeDatabaseUrl, REPORT, startTestProvince, TestProvince } from './support/province';
import { branchTally, date, invariants, RUNS, status, text } from './support/properties';

/** Province 01's LAND milestones by plan key, read straight from the tables. */
async function landMilestonesOf01(): Promise<
  Map<string, TargetMilestone & { percentComplete: number }>
> {
  const rows = await sql<{
    key: string;
    id: string;
    status: MilestoneStatus;
    version: number;
    percentComplete: number;
  }>(
    `SELECT pi.key, m.id, m.status, m.version::int AS version, m.percent_complete AS "percentComplete"
     FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = pi.program_id
     JOIN unit u ON u.id = m.unit_id WHERE p.code = 'LAND' AND u.code = '01'`,
  );
  return new Map(rows.map(({ key, ...m }) => [key, m]));
}

async function ledgerSize(): Promise<number> {
  const [{ n }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM milestone_update WHERE seq > 0`,
  );
  return n;
}

/** Generated progress reports: pushed by a node to the centre, and recorded by a node's officer. */
describe('generated inputs against the report paths', () => {
  const { refused, applied, oneMoreUnlessRefused } = branchTally();
  const sut = demoCentral('per-file');
  let node: TestProvince;
  let nodeDb = '';

  /** Reports the node ever recorded: in its outbox, or delivered (each outbox row becomes one delivery row). */
  async function recordedReports(): Promise<number> {
    const c = new Client({ connectionString: nodeDb });
    await c.connect();
    try {
      const { rows } = await c.query<{ n: number }>(
        'SELECT ((SELECT count(*) FROM outbox) + (SELECT count(*) FROM delivery))::int AS n',
      );
      return rows[0].n;
    } finally {
      await c.end();
    }
  }
  let seq = 0;

  it('pushMilestoneUpdates: a clear refusal with nothing recorded, or the outcomes the rules decide', async () => {
    const outcomes = new Set<string>();
    const update = fc.record({
      key: fc.constantFrom('LAND-P-02', 'LAND-P-03', 'LAND-P-99'),
      unitCode: fc.oneof(
        { arbitrary: fc.constant('01'), weight: 12 },
        { arbitrary: fc.constant('79'), weight: 1 },
      ),
      status,
      percentComplete: fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 3 },
        { arbitrary: fc.integer({ min: -20, max: 130 }), weight: 1 },
      ),
      forecastDue: fc.option(date, { nil: undefined }),
      completedOn: fc.option(date, { nil: undefined, freq: 2 }),
      blocker: fc.option(text, { nil: undefined }),
      note: fc.option(text, { nil: undefined }),
      step: fc.integer({ min: -1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(update, { minLength: 1, maxLength: 3 }), async (batch) => {
        const before = await ledgerSize();
        const milestonesBefore = await landMilestonesOf01();
        const updates = batch.map(({ step, ...u }, i) => {
          seq += step;
          return {
            ...u,
            programCode: 'LAND',
            idempotencyKey: `prop-${seq}-${i}-${Math.random()}`,
            seq: Math.max(1, seq),
            reportedAt: '2020-02-28T09:00:00+07:00',
          };
        });
        const r = await sut.gql(
          PUSH,
          { updates },
          sut.token({ role: Role.PROVINCE_NODE, unit: '01' }),
        );
        if (r.errors) {
          refused(r);
          expect(await ledgerSize()).toBe(before);
        } else {
          applied();
          // What the domain's rules decide for these inputs against the milestones as they
          // stood: the keys are new, so nothing is a duplicate.
          const incoming: IncomingUpdate[] = updates.map((u) => ({
            idempotencyKey: u.idempotencyKey,
            seq: u.seq,
            reportDate: vietnamDate(new Date(u.reportedAt)),
            report: {
              status: u.status as MilestoneStatus,
              percentComplete: u.percentComplete,
              forecastDue: u.forecastDue,
              completedOn: u.completedOn,
              blocker: u.blocker,
              note: u.note,
            },
          }));
          const expected = decideBatch(
            incoming,
            (inc) => milestonesBefore.get(updates[incoming.indexOf(inc)].key),
            new Map(),
            vietnamDate(new Date(DEMO_CLOCK)),
          );
          const results: { outcome: string; reason: string | null }[] =
            r.data!.pushMilestoneUpdates.results;
          expect(results.map((x) => [x.outcome, x.reason])).toEqual(
            expected.map((d) => [d.outcome, d.reason]),
          );
          for (const d of expected) outcomes.add(d.outcome);
          expect(await ledgerSize()).toBe(before + updates.length);
          // Each milestone holds the last report of the batch applied to it, or is as it was.
          const milestonesAfter = await landMilestonesOf01();
          for (const [key, was] of milestonesBefore) {
            const last = expected.findLastIndex((d) => d.applied && d.milestoneId === was.id);
            expect(milestonesAfter.get(key)).toEqual(
              last < 0
                ? was
                : {
                    id: was.id,
                    status: expected[last].applied!.status,
                    percentComplete: expected[last].applied!.percentComplete,
                    version: updates[last].seq,
                  },
            );
          }
        }
        seq = Math.max(seq, 1);
        await invariants();
      }),
      { numRuns: RUNS },
    );
    // Applied reports and reports the rules reject were both checked against their answers.
    expect([...outcomes].sort()).toEqual(expect.arrayContaining(['APPLIED', 'REJECTED']));
  });

  it('reportProgress on a node: a refusal with the outbox unchanged, or the report recorded', async () => {
    nodeDb = await nodeDatabaseUrl(2);
    // province 48: the push property above speaks as node 01 straight to the centre
    node = await startTestProvince({ code: '48', central: sut, databaseUrl: nodeDb });
    await node.gql('mutation { syncNow { pending } }');
    // Stopped at the end: its sync loop must not change the centre under a property run after it.
    try {
      await fc.assert(
        fc.asyncProperty(
          fc
            .record({
              key: fc.constantFrom('LAND-P-02', 'LAND-P-03', 'NOPE'),
              status,
              percentComplete: fc.integer({ min: -5, max: 105 }),
              forecastDue: fc.option(date, { nil: undefined }),
              completedOn: fc.option(date, { nil: undefined }),
              blocker: fc.option(text, { nil: undefined }),
              note: fc.option(text, { nil: undefined }),
              // a completion date mostly comes with DONE; now and then it does not
              keepCompletedOn: fc.boolean(),
            })
            .map(({ keepCompletedOn, ...r }) =>
              r.status === 'DONE' || keepCompletedOn ? r : { ...r, completedOn: undefined },
            ),
          async (report) => {
            const before = await recordedReports();
            const r = await node.gql(REPORT, { input: { programCode: 'LAND', ...report } });
            const after = await recordedReports();
            if (oneMoreUnlessRefused(r, before, after)) {
              expect(r.data!.reportProgress).toMatchObject({
                status: report.status,
                percentComplete: report.percentComplete,
                pendingSync: true,
              });
            }
          },
        ),
        { numRuns: RUNS },
      );
    } finally {
      await node.stop();
    }
  });
});
