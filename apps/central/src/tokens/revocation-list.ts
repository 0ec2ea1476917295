import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TokenRevocations } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { DomainError } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';

/**
 * The revoked token ids, kept in memory for the guard and reloaded from the
 * database every `refreshMs` (30 s by default): a token revoked through any
 * instance is refused by every instance within a minute.
 */
@Injectable()
export class RevocationList implements TokenRevocations, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationList.name);
  private revoked = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
    private readonly refreshMs: number,
  ) {}

  isRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((e: unknown) =>
        this.logger.warn(`revocation reload failed: ${String(e)}`),
      );
    }, this.refreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async reload(): Promise<void> {
    const rows: { jti: string }[] = await this.db.query('SELECT jti FROM revoked_token');
    this.revoked = new Set(rows.map((r) => r.jti));
  }

  async revoke(jti: string, reason: string | null, actor: Actor): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(jti))
      throw DomainError.badInput('jti', 'a token id is the jti claim, a UUID');
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO revoked_token (jti, revoked_by, reason) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING`,
        [jti, actor.sub, reason],
      );
      await this.audit.append(tx, actor, {
        action: 'token.revoke',
        subject: jti,
        detail: { reason },
      });
    });
    this.revoked.add(jti);
  }
}
