/* eslint-disable jest/no-conditional-expect -- a property holds on either branch: a refusal, or an applied state */
import fc from 'fast-check';
import { EscalationLevel, Role } from '@tracker/domain';
import { sql } from './support/database';
import { demoCentral } from './support/central';
import { branchTally, date, invariants, RUNS, text } from './support/properties';

/** Generated inputs against the PMO's plan publishing and the leaders' escalation mutations. */
describe('generated inputs against the plan and escalation writes', () => {
  const { refused, applied, oneMoreUnlessRefused } = branchTally();
  const sut = demoCentral('per-file');

  it('publishPlan: a refusal that leaves the version, or the next version with consistent milestones', async () => {
    await sut.gql(
      `mutation { createProgram(input: { code: "PROP", name: "Thử", ownerCode: "BTP", model: FEDERATED }) { code } }`,
    );
    const item = fc.record({
      key: fc.constantFrom('A', 'B', 'C', 'bad key', ''),
      title: text,
      scope: fc.constantFrom('CENTRAL', 'PROVINCE'),
      baselineDue: date,
      weight: fc.constantFrom(1, 2.5, 0, -1),
      dependsOn: fc.subarray(['A', 'B', 'C', 'Z']),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 4 }), async (items) => {
        const [{ plan_version: before }] = await sql<{ plan_version: number }>(
          `SELECT plan_version FROM program WHERE code = 'PROP'`,
        );
        const r = await sut.gql(
          `mutation($i: PublishPlanInput!) { publishPlan(input: $i) { planVersion } }`,
          {
            i: { programCode: 'PROP', expectedVersion: before, items },
          },
        );
        const [{ plan_version: after }] = await sql<{ plan_version: number }>(
          `SELECT plan_version FROM program WHERE code = 'PROP'`,
        );
        if (oneMoreUnlessRefused(r, before, after)) {
          const [counts] = await sql<{ liveWithout: number; removedLive: number }>(
            `SELECT
               (SELECT count(*)::int FROM plan_item pi JOIN program p ON p.id = pi.program_id
                WHERE p.code = 'PROP' AND pi.removed_in_version IS NULL
                  AND NOT EXISTS (SELECT 1 FROM milestone m WHERE m.plan_item_id = pi.id AND m.status <> 'CANCELLED')) AS "liveWithout",
               (SELECT count(*)::int FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id JOIN program p ON p.id = pi.program_id
                WHERE p.code = 'PROP' AND pi.removed_in_version IS NOT NULL AND m.status <> 'CANCELLED') AS "removedLive"`,
          );
          expect(counts).toEqual({ liveWithout: 0, removedLive: 0 });
        }
        await invariants();
      }),
      { numRuns: RUNS },
    );
  });

  it('escalation mutations: refused with nothing changed, or a valid transition', async () => {
    const ids = (await sql<{ id: string }>(`SELECT id FROM escalation ORDER BY id LIMIT 10`)).map(
      (r) => r.id,
    );
    const seat = fc.constantFrom(
      { role: Role.PMO },
      { role: Role.OBSERVER },
      { role: Role.LEADER, level: EscalationLevel.MINISTER, unit: 'BTNMT' },
      { role: Role.LEADER, level: EscalationLevel.DEPARTMENT, unit: '06' },
      { role: Role.LEADER, level: EscalationLevel.GOVERNMENT },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ids, 'not-an-id', '00000000-0000-4000-8000-000000000000'),
        fc.constantFrom('acknowledgeEscalation', 'resolveEscalation'),
        text,
        seat,
        async (id, mutation, note, who) => {
          const before = await sql(`SELECT id, state, level FROM escalation ORDER BY id`);
          const r = await sut.gql(
            `mutation($id: ID!, $note: String!) { ${mutation}(id: $id, note: $note) { id state } }`,
            { id, note },
            sut.token(who as never),
          );
          const after = await sql<{ id: string; state: string }>(
            `SELECT id, state, level FROM escalation ORDER BY id`,
          );
          if (r.errors) {
            refused(r);
            expect(after).toEqual(before);
          } else {
            applied();
            const state = r.data![mutation].state;
            expect(state).toBe(mutation === 'resolveEscalation' ? 'RESOLVED' : 'ACKNOWLEDGED');
            expect(after.find((e) => e.id === id)!.state).toBe(state);
          }
        },
      ),
      { numRuns: RUNS },
    );
    await invariants();
  });
});
