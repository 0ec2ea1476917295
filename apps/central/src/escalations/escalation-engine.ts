import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../platform/clock/clock';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { EscalationEngineRepository, EvaluationScope } from './escalation-engine.repository';
import { planEscalations } from './escalation-plan';

/** Reports are evaluated at most this often, whatever their rate. */
const PUSH_EVALUATION_GAP_MS = 1000;

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
  /** What pushes touched since the last evaluation, and the loop that evaluates it. */
  private readonly pendingMilestones = new Set<string>();
  private readonly pendingPrograms = new Set<string>();
  private draining: Promise<void> | null = null;
  private stopped = false;
  /** Gathers reports before evaluating them; tests shorten it (test/support/central.ts). */
  gapMs = PUSH_EVALUATION_GAP_MS;

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
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Evaluates the given programs (all when null); answers how many escalations changed. */
  async evaluate(programIds: string[] | null): Promise<number> {
    return this.run({ programIds }, programIds);
  }

  /**
   * Schedules an evaluation of what a push touched: its milestones and the
   * central ones they wait on, not whole programs. The push does not wait for
   * it: reports from all nodes gathered over PUSH_EVALUATION_GAP_MS are
   * evaluated together, so escalations follow a report within about a second
   * and a month-end surge of reports costs one evaluation a second, not one a
   * batch. A crash loses nothing: start-up evaluates everything.
   */
  evaluateSoon(milestoneIds: string[], programIds: string[]): void {
    this.gather(milestoneIds, programIds);
    this.draining ??= this.drain().finally(() => (this.draining = null));
  }

  private gather(milestoneIds: string[], programIds: string[]): void {
    for (const id of milestoneIds) this.pendingMilestones.add(id);
    for (const id of programIds) this.pendingPrograms.add(id);
  }

  /** Resolves once every scheduled evaluation has run (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pendingMilestones.size > 0) {
      await new Promise((r) => setTimeout(r, this.gapMs));
      const milestoneIds = [...this.pendingMilestones];
      const programIds = [...this.pendingPrograms];
      this.pendingMilestones.clear();
      this.pendingPrograms.clear();
      await this.run({ milestoneIds }, programIds).catch((e: unknown) => {
        // tried again with the next gathering (the hourly evaluation backs this up)
        this.logger.error(`escalation evaluation after pushes failed: ${String(e)}`);
        if (!this.stopped) this.gather(milestoneIds, programIds);
      });
    }
  }

  private async run(scope: EvaluationScope, programIds: string[] | null): Promise<number> {
    const today = this.clock.today();
    const now = this.clock.now();
    const changed = await this.db.transaction(async (tx) => {
      await this.repository.lock(tx);
      const merged = await this.repository.resolveMerged(tx, today, now);
      const actions = await planEscalations(tx, this.repository, scope, today);
      return merged + (await this.repository.apply(tx, actions, now));
    });
    if (changed > 0) {
      this.logger.log(`escalations: ${changed} change(s)`);
      await this.changes.notify({ kind: 'escalations', programIds });
    }
    return changed;
  }
}
