import { Injectable } from '@nestjs/common';
import { Actor } from '@tracker/auth';
import { validateIndicatorValue } from '@tracker/domain';
import { randomUUID } from 'node:crypto';
import { SyncEngine } from '../sync/sync-engine';
import { LocalIndicator, ReportIndicatorInput } from '../local/local-indicator.type';
import { LocalIndicatorsRepository } from '../local/local-indicators.repository';
import { LocalStoreRepository } from '../local/local-store.repository';
import { NodeClock } from '../local/node-clock';

@Injectable()
export class IndicatorReportService {
  constructor(
    private readonly indicators: LocalIndicatorsRepository,
    private readonly store: LocalStoreRepository,
    private readonly clock: NodeClock,
    private readonly sync: SyncEngine,
  ) {}

  /**
   * Records a value offline-first, as ReportService records progress: judged by the
   * centre's rules against the indicators last pulled and the centre's month as the
   * node knows it, then the value and its outbox row (the next seq of the node's one
   * seq space, a fresh idempotency key) are written in one local transaction.
   */
  async report(input: ReportIndicatorInput, actor: Actor): Promise<LocalIndicator> {
    const value = {
      indicatorCode: input.indicatorCode,
      period: input.period,
      numerator: input.numerator,
      denominator: input.denominator ?? null,
    };
    validateIndicatorValue(
      value,
      await this.indicators.kindOf(input.indicatorCode),
      this.clock.today(),
    );
    const reportedAt = this.clock.now();
    await this.store.db.transaction(async (tx) => {
      const seq = await this.store.takeSeq(tx);
      await this.indicators.record(tx, {
        ...value,
        seq,
        idempotencyKey: randomUUID(),
        note: input.note?.trim() || null,
        reportedBy: actor.sub,
        reportedAt,
      });
    });
    this.sync.kick();
    const [indicator] = await this.indicators.indicators(undefined, input.indicatorCode);
    return indicator;
  }
}
