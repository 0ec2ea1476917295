import { vietnamDate } from '@tracker/api';
import {
  desiredEscalations,
  EscalationAction,
  EscalationPolicy,
  Health,
  IsoDate,
  MilestoneStatus,
  reconcileEscalations,
  resolvePolicy,
} from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { EscalationEngineRepository, EvaluationScope } from './escalation-engine.repository';

/**
 * What an evaluation of `scope` would change: the domain's rules over the
 * stored facts, reconciled with the stored escalations. The engine applies it;
 * the soak's verdict asks it of a settled database and expects nothing.
 */
export async function planEscalations(
  tx: EntityManager,
  repository: EscalationEngineRepository,
  scope: EvaluationScope,
  today: IsoDate,
): Promise<EscalationAction[]> {
  const facts = await repository.facts(tx, scope, today);
  const policies = new Map<string, EscalationPolicy>();
  const policyOf = (programId: string, stored: unknown) => {
    let policy = policies.get(programId);
    if (!policy) {
      policy = resolvePolicy(stored as Partial<EscalationPolicy> | null);
      policies.set(programId, policy);
    }
    return policy;
  };
  const desired = facts.flatMap((f) =>
    desiredEscalations(
      {
        milestoneId: f.milestoneId,
        status: f.status as MilestoneStatus,
        health: f.health as Health,
        baselineDue: f.baselineDue,
        forecastDue: f.forecastDue,
        blockedSince: f.blockedSince ? vietnamDate(f.blockedSince) : null,
        lastReportOn: vietnamDate(f.lastReportAt),
        waitingUnits: f.waitingUnits,
      },
      policyOf(f.programId, f.policy),
      today,
    ),
  );
  const known = await repository.known(tx, scope);
  return reconcileEscalations(
    desired,
    known,
    facts.map((f) => f.milestoneId),
  );
}
