import { Injectable } from '@nestjs/common';
import { Actor } from '@tracker/auth';
import { DomainError, MilestoneStatus, validateReport } from '@tracker/domain';
import { randomUUID } from 'node:crypto';
import { SyncEngine } from '../sync/sync-engine';
import { LocalMilestone, ReportProgressInput } from '../local/local-milestone.type';
import { LocalStoreRepository } from '../local/local-store.repository';
import { NodeClock } from '../local/node-clock';

@Injectable()
export class ReportService {
  constructor(
    private readonly store: LocalStoreRepository,
    private readonly clock: NodeClock,
    private readonly sync: SyncEngine,
  ) {}

  /**
   * Records a report offline-first: validated by the same rules the centre
   * applies, then the milestone and its outbox row (with the next seq and a fresh
   * idempotency key) are written in one local transaction. The centre hears of it
   * at the next sync round, however long that takes.
   */
  async report(input: ReportProgressInput, actor: Actor): Promise<LocalMilestone> {
    const report = validateReport(input, this.clock.today());
    const reportedAt = this.clock.now();
    await this.store.db.transaction(async (tx) => {
      const milestone = await this.store.milestone(tx, input.programCode, input.key);
      if (!milestone)
        throw DomainError.notFound(
          `no milestone ${input.programCode}/${input.key} in this province`,
        );
      if (milestone.status === MilestoneStatus.CANCELLED) {
        throw DomainError.badInput('key', `${input.key} was cancelled by the published plan`);
      }
      const seq = await this.store.takeSeq(tx);
      await this.store.record(tx, {
        seq,
        idempotencyKey: randomUUID(),
        programCode: input.programCode,
        key: input.key,
        report,
        reportedBy: actor.sub,
        reportedAt,
      });
    });
    this.sync.kick();
    return (await this.store.milestone(this.store.db.manager, input.programCode, input.key))!;
  }
}
