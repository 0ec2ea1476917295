import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';

export const AUDIT_RESOLVERS = [AuditResolver];

/** Who did what: every write appends here inside its own transaction. */
@Module({
  providers: [AuditRepository, ...AUDIT_RESOLVERS],
  exports: [AuditRepository],
})
export class AuditModule {}
