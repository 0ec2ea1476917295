import { Module } from '@nestjs/common';
import { TOKEN_REVOCATIONS } from '@tracker/api';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuditRepository } from '../audit/audit.repository';
import { ChangeBus } from '../platform/changes/change-bus';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { CentralConfig } from '../platform/config/central-config';
import { RevocationList } from './revocation-list';
import { TokensResolver } from './tokens.resolver';

export const TOKENS_RESOLVERS = [TokensResolver];

/** Revoked tokens, refused by the guard on every instance. */
@Module({
  imports: [AuditModule],
  providers: [
    {
      provide: RevocationList,
      inject: [DataSource, AuditRepository, ChangeBus, ChangeNotifier, CentralConfig],
      useFactory: (
        db: DataSource,
        audit: AuditRepository,
        bus: ChangeBus,
        changes: ChangeNotifier,
        config: CentralConfig,
      ) => new RevocationList(db, audit, bus, changes, config.revocationRefreshMs),
    },
    { provide: TOKEN_REVOCATIONS, useExisting: RevocationList },
    ...TOKENS_RESOLVERS,
  ],
  exports: [RevocationList, TOKEN_REVOCATIONS],
})
export class TokensModule {}
