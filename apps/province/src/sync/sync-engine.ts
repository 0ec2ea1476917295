import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { backoffDelay } from '@tracker/domain';
import { LocalIndicatorsRepository } from '../local/local-indicators.repository';
import { LocalStoreRepository } from '../local/local-store.repository';
import { NodeClock } from '../local/node-clock';
import {
  CentralClient,
  CentralRateLimited,
  CentralRefused,
  CentralUnreachable,
} from './central-client';
import {
  CentralMilestone,
  provincesReport,
  PULL_HEAD,
  PULL_MILESTONES,
  PullHead,
  PullMilestonesPage,
  PUSH,
  PushAnswer,
  PushVariables,
} from './central-queries';
import { nextBatch } from './outbox-batch';
import { SyncStoreRepository } from './sync-store.repository';

/** For a DUPLICATE (a retry of an entry the centre has), what it answered the first time. */
function whatBecameOf(r: { outcome: string; firstOutcome: string }): string {
  return r.outcome === 'DUPLICATE' ? r.firstOutcome : r.outcome;
}

/** A node pushes at most this many reports and values per request (the centre's limit). */
const BATCH = 500;

export interface SyncSettings {
  provinceCode: string;
  intervalMs: number;
}

/**
 * The node's sync loop: pull the centre's plans and milestones, push the outbox
 * in seq order, trim what the centre acknowledged. Rounds never overlap; after a
 * failure the next waits with exponential backoff and jitter; while the outbox
 * holds more than one batch, rounds follow each other at once.
 */
@Injectable()
export class SyncEngine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncEngine.name);
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private failures = 0;
  /** Set when the centre answered RATE_LIMITED: the next round waits at least this long. */
  private holdOffMs = 0;
  private stopped = false;

  constructor(
    private readonly central: CentralClient,
    private readonly store: SyncStoreRepository,
    private readonly local: LocalStoreRepository,
    private readonly indicators: LocalIndicatorsRepository,
    private readonly clock: NodeClock,
    private readonly settings: SyncSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.clock.setOffset(await this.local.clockOffset());
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Runs one round now (after any round in progress) and resolves when it is done. */
  async syncNow(): Promise<void> {
    await this.round();
  }

  /** A report was recorded: sync soon rather than at the next idle tick. */
  kick(): void {
    if (this.failures === 0) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    const more = await this.round();
    const delay =
      this.failures > 0
        ? Math.max(this.holdOffMs, backoffDelay(this.failures, Math.random()))
        : more
          ? 0
          : this.settings.intervalMs;
    this.holdOffMs = 0;
    this.schedule(delay);
  }

  /** Serialised: a manual syncNow and the loop never run a round at the same time. */
  private round(): Promise<boolean> {
    const next = this.chain.then(() => this.runRound());
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Answers whether the outbox still holds reports after this round. */
  private async runRound(): Promise<boolean> {
    if (this.stopped) return false;
    try {
      await this.pull();
      const more = await this.pushOnce();
      this.failures = 0;
      return more;
    } catch (e) {
      this.failures += 1;
      if (e instanceof CentralRateLimited) this.holdOffMs = e.retryAfterMs;
      const reachable = !(e instanceof CentralUnreachable);
      const message = e instanceof Error ? e.message : String(e);
      if (!(e instanceof CentralUnreachable) && !(e instanceof CentralRefused)) {
        this.logger.error(
          `sync round failed: ${e instanceof Error ? (e.stack ?? message) : message}`,
        );
      } else if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn(`sync round ${this.failures} failed in a row: ${message}`);
      }
      await this.store.failed(message, reachable).catch(() => undefined);
      return false;
    }
  }

  private async pull(): Promise<void> {
    const before = Date.now();
    const head = await this.central.request<PullHead>(PULL_HEAD);
    const offset = new Date(head.now).getTime() - Math.round((before + Date.now()) / 2);
    const milestones: CentralMilestone[] = [];
    let after: string | null = null;
    do {
      const page: PullMilestonesPage = await this.central.request<PullMilestonesPage>(
        PULL_MILESTONES,
        {
          unit: this.settings.provinceCode,
          after,
        },
      );
      milestones.push(...page.milestones.edges.map((e) => e.node));
      after = page.milestones.pageInfo.hasNextPage ? page.milestones.pageInfo.endCursor : null;
    } while (after);
    const highestSeq =
      head.syncStatus.find((s) => s.unit.code === this.settings.provinceCode)?.highestSeq ?? 0;
    await this.store.mirror(
      milestones,
      head.programs,
      provincesReport(head.indicators),
      offset,
      highestSeq,
    );
    this.clock.setOffset(offset);
  }

  /** Pushes the lowest seqs of the outbox, reports and values in one batch (one seq space). */
  private async pushOnce(): Promise<boolean> {
    const { updates, values } = await this.store.inOneSnapshot(async (tx) =>
      nextBatch(await this.local.outbox(BATCH, tx), await this.indicators.outbox(BATCH, tx), BATCH),
    );
    const size = updates.length + values.length;
    if (size === 0) {
      await this.store.succeeded(new Date());
      return false;
    }
    const unitCode = this.settings.provinceCode;
    const answer = await this.central.request<PushAnswer, PushVariables>(PUSH, {
      updates: updates.map((o) => ({
        idempotencyKey: o.idempotencyKey,
        seq: o.seq,
        programCode: o.programCode,
        key: o.key,
        unitCode,
        status: o.status,
        percentComplete: o.percentComplete,
        forecastDue: o.forecastDue,
        completedOn: o.completedOn,
        blocker: o.blocker,
        note: o.note,
        reportedAt: o.reportedAt.toISOString(),
      })),
      values: values.map((v) => ({
        idempotencyKey: v.idempotencyKey,
        seq: v.seq,
        indicatorCode: v.indicatorCode,
        unitCode,
        period: v.period,
        numerator: v.numerator,
        denominator: v.denominator,
        note: v.note,
        reportedAt: v.reportedAt.toISOString(),
      })),
    });
    const { results, indicatorResults, highestAckedSeq } = answer.pushMilestoneUpdates;
    await this.store.delivered(
      results.map((r, i) => ({
        seq: updates[i].seq,
        idempotencyKey: r.idempotencyKey,
        programCode: updates[i].programCode,
        key: updates[i].key,
        outcome: whatBecameOf(r),
        reason: r.reason,
      })),
      indicatorResults.map((r, i) => ({
        seq: values[i].seq,
        idempotencyKey: r.idempotencyKey,
        indicatorCode: values[i].indicatorCode,
        period: values[i].period,
        outcome: whatBecameOf(r),
        reason: r.reason,
      })),
      highestAckedSeq,
      new Date(),
    );
    const refused = [...results, ...indicatorResults].filter(
      (r) => r.outcome === 'REJECTED',
    ).length;
    this.logger.log(
      `pushed ${updates.length} report(s) and ${values.length} value(s), acknowledged up to seq ${highestAckedSeq}${refused ? `, ${refused} refused` : ''}`,
    );
    return size === BATCH;
  }
}
