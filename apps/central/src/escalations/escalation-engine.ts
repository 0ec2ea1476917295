import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { vietnamDate } from '@tracker/api';
import {
  desiredEscalations,
  EscalationPolicy,
  Health,
  MilestoneStatus,
  reconcileEscalations,
  resolvePolicy,
} from '@tracker/domain';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { ChangeNotifier } from '../changes/change-notifier';
import { EscalationEngineRepository, EvaluationScope } from './escalation-engine.repository';

/** Even with no update at all, escalations age: evaluate at least this often. */
const EVALUATION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Applies the escalation rules of the domain library: at start-up, after every
 * applied update or plan change (for the programs touched), and hourly. Runs in
 * one transaction under an advisory lock, so evaluations from several central
 * instances happen one after another; the partial unique index still refuses a
 * second live escalation should anything slip past.
 */
@Injectable()
export class EscalationEngine implements OnApplicationShutdown {
  private readonly logger = new Logger(EscalationEngine.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: EscalationEngineRepository,
    private readonly clock: Clock,
    private readonly changes: ChangeNotifier,
  ) {}

  /** Evaluates everything now and then every hour. */
  async start(): Promise<void> {
    await this.evaluate(null);
    this.timer = setInterval(() => {
      this.evaluate(null).catch((e: unknown) =>
        this.logger.error(`hourly evaluation failed: ${String(e)}`),
      );
    }, EVALUATION_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Evaluates the given programs (all when null); answers how many escalations changed. */
  async evaluate(programIds: string[] | null): Promise<number> {
    return this.run({ programIds }, programIds);
  }

  /**
   * Evaluates what a push touched: its milestones and the central ones they
   * wait on, not their whole programs, so a batch costs what it reports.
   */
  async evaluateMilestones(milestoneIds: string[], programIds: string[]): Promise<number> {
    return this.run({ milestoneIds }, programIds);
  }

  private async run(scope: EvaluationScope, programIds: string[] | null): Promise<number> {
    const today = this.clock.today();
    const now = this.clock.now();
    const changed = await this.db.transaction(async (tx) => {
      await this.repository.lock(tx);
      const facts = await this.repository.facts(tx, scope, today);
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
      const known = await this.repository.known(tx, scope);
      const actions = reconcileEscalations(
        desired,
        known,
        facts.map((f) => f.milestoneId),
      );
      return this.repository.apply(tx, actions, now);
    });
    if (changed > 0) {
      this.logger.log(`escalations: ${changed} change(s)`);
      await this.changes.notify({ kind: 'escalations', programIds });
    }
    return changed;
  }
}
