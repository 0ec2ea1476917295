import { vietnamDate } from '@tracker/api';
import { createDataSource, withClient } from '@tracker/persistence';
import { DataSource } from 'typeorm';
import { EscalationEngineRepository } from '../../../apps/central/src/escalations/escalation-engine.repository';
import { planEscalations } from '../../../apps/central/src/escalations/escalation-plan';
import { verifyMaintained } from '../../../apps/central/src/cli/verify-maintained';
import { AcceptedReport } from './traffic';
import {
  CentreFacts,
  LedgerRow,
  MilestoneState,
  NodeFacts,
  provinceProblems,
} from './verdict-checks';

async function nodeFacts(code: string, url: string): Promise<NodeFacts> {
  return withClient(url, 'nsdb-soak-verdict', async (c) => {
    const [state] = (
      await c.query<{ nextSeq: number; outboxLeft: number }>(
        `SELECT next_seq AS "nextSeq",
           (SELECT count(*)::int FROM outbox) + (SELECT count(*)::int FROM indicator_outbox) AS "outboxLeft"
         FROM node_state WHERE id = 1`,
      )
    ).rows;
    const delivered = (
      await c.query<LedgerRow>(
        // reports and indicator values: one seq space
        `SELECT seq, idempotency_key::text AS "idempotencyKey", outcome FROM delivery
         UNION ALL SELECT seq, idempotency_key::text, outcome FROM indicator_delivery ORDER BY seq`,
      )
    ).rows;
    const milestones = (
      await c.query<MilestoneState>(
        `SELECT program_code AS "programCode", key, status, percent_complete AS "percentComplete", blocker
         FROM local_milestone ORDER BY 1, 2`,
      )
    ).rows;
    return { code, outboxLeft: state.outboxLeft, nextSeq: state.nextSeq, delivered, milestones };
  });
}

async function centreFacts(url: string, codes: string[]): Promise<Map<string, CentreFacts>> {
  return withClient(url, 'nsdb-soak-verdict', async (c) => {
    const facts = new Map<string, CentreFacts>(
      codes.map((code) => [code, { history: [], milestones: [], notes: [] }]),
    );
    const history = await c.query<LedgerRow & { code: string; note: string | null }>(
      `SELECT u.code, mu.seq, mu.idempotency_key AS "idempotencyKey", mu.outcome, mu.note
       FROM milestone_update mu JOIN unit u ON u.id = mu.node_unit_id WHERE u.code = ANY ($1)
       UNION ALL
       SELECT u.code, v.seq, v.idempotency_key, v.outcome, v.note
       FROM indicator_value v JOIN unit u ON u.id = v.node_unit_id WHERE u.code = ANY ($1)`,
      [codes],
    );
    for (const { code, note, ...row } of history.rows) {
      facts.get(code)!.history.push(row);
      if (note) facts.get(code)!.notes.push(note);
    }
    const milestones = await c.query<MilestoneState & { code: string }>(
      `SELECT u.code, p.code AS "programCode", pi.key, m.status, m.percent_complete AS "percentComplete", m.blocker
       FROM milestone m JOIN unit u ON u.id = m.unit_id JOIN program p ON p.id = m.program_id
       JOIN plan_item pi ON pi.id = m.plan_item_id
       WHERE u.code = ANY ($1) AND pi.scope = 'PROVINCE'`,
      [codes],
    );
    for (const { code, ...m } of milestones.rows) facts.get(code)!.milestones.push(m);
    return facts;
  });
}

/** `work` on the central database, through a DataSource of its own. */
async function onCentral<T>(centralUrl: string, work: (db: DataSource) => Promise<T>): Promise<T> {
  const db = createDataSource('central', {
    url: centralUrl,
    poolSize: 1,
    applicationName: 'nsdb-soak-verdict',
  });
  await db.initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** What a fresh evaluation of every program would change now: nothing, when the engine kept up. */
async function escalationDrift(centralUrl: string, now: string): Promise<string[]> {
  const repository = new EscalationEngineRepository();
  const actions = await onCentral(centralUrl, (db) =>
    db.transaction(async (tx) => {
      await repository.lock(tx);
      return planEscalations(tx, repository, { programIds: null }, vietnamDate(new Date(now)));
    }),
  );
  const kinds = new Map<string, number>();
  for (const a of actions) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  return [...kinds].map(([kind, n]) => `escalations: a fresh evaluation would ${kind} ${n}`);
}

/** npm run verify-rollups: what the triggers maintained through the faults against a recomputation. */
async function rollupDrift(centralUrl: string): Promise<string[]> {
  const found = await onCentral(centralUrl, verifyMaintained);
  if (found.day === null) return ['roll-ups: they hold no day (never refreshed)'];
  return found.mismatches.map(
    (m) => `roll-ups: ${m.where} maintained ${m.maintained}, computed ${m.computed}`,
  );
}

export interface VerdictInput {
  centralUrl: string;
  nodeUrl: (code: string) => string;
  codes: string[];
  accepted: AcceptedReport[];
  clockNow: string;
}

export interface VerdictFacts {
  problems: string[];
  reportsAtCentre: number;
  appliedAtCentre: number;
}

export async function verdict(input: VerdictInput): Promise<VerdictFacts> {
  const centre = await centreFacts(input.centralUrl, input.codes);
  const problems: string[] = [];
  let reports = 0;
  let applied = 0;
  for (const code of input.codes) {
    const node = await nodeFacts(code, input.nodeUrl(code));
    const c = centre.get(code)!;
    reports += c.history.length;
    applied += c.history.filter((h) => h.outcome === 'APPLIED').length;
    const accepted = input.accepted.filter((a) => a.code === code).map((a) => a.note);
    problems.push(...provinceProblems(node, c, accepted));
  }
  problems.push(...(await escalationDrift(input.centralUrl, input.clockNow)));
  problems.push(...(await rollupDrift(input.centralUrl)));
  return { problems, reportsAtCentre: reports, appliedAtCentre: applied };
}
