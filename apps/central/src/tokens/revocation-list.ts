import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TokenRevocations } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { DomainError } from '@tracker/domain';
import { centralSql, rows, run } from '@tracker/persistence';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { ChangeBus } from '../platform/changes/change-bus';
import { ChangeNotifier } from '../platform/changes/change-notifier';

/**
 * The revoked token ids, kept in memory for the guard. A revocation is announced
 * on the change bus like any other change, and every instance reloads its list
 * when it hears one, or when its bus reconnects (it may have missed one). The
 * reload every `refreshMs` (5 minutes by default) only bounds what a lost
 * notification could cost.
 */
@Injectable()
export class RevocationList implements TokenRevocations, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationList.name);
  private revoked = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
    private readonly bus: ChangeBus,
    private readonly changes: ChangeNotifier,
    private readonly refreshMs: number,
  ) {}

  isRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  async start(): Promise<void> {
    await this.reload();
    this.bus.onChange((event) => {
      if (event === null || event.kind === 'revocations') this.reloadInBackground();
    });
    this.timer = setInterval(() => this.reloadInBackground(), this.refreshMs);
    this.timer.unref();
  }

  private reloadInBackground(): void {
    this.reload().catch((e: unknown) => this.logger.warn(`revocation reload failed: ${String(e)}`));
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async reload(): Promise<void> {
    const revoked = await rows(this.db, centralSql.selectFrom('revoked_token').select('jti'));
    this.revoked = new Set(revoked.map((r) => r.jti));
  }

  async revoke(jti: string, reason: string | null, actor: Actor): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(jti))
      throw DomainError.badInput('jti', 'a token id is the jti claim, a UUID');
    await this.db.transaction(async (tx) => {
      await run(
        tx,
        centralSql
          .insertInto('revoked_token')
          .values({ jti, revoked_by: actor.sub, reason })
          .onConflict((oc) => oc.column('jti').doNothing()),
      );
      await this.audit.append(tx, actor, {
        action: 'token.revoke',
        subject: jti,
        detail: { reason },
      });
    });
    this.revoked.add(jti);
    await this.changes.notify({ kind: 'revocations', programIds: null });
  }
}
