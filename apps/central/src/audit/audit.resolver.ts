import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { pageSize, Roles } from '@tracker/api';
import { DomainError, Role } from '@tracker/domain';
import { AuditRepository } from './audit.repository';
import { AuditEntryConnection } from './audit.type';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditRepository) {}

  @Query(() => AuditEntryConnection, {
    description: 'PMO only. The append-only log of every write, newest first.',
  })
  @Roles(Role.PMO)
  async auditLog(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('action', { nullable: true }) action?: string,
  ): Promise<AuditEntryConnection> {
    if (action && action.length > 64)
      throw DomainError.badInput('action', 'an action is at most 64 characters');
    return this.audit.page(pageSize(first), after, action);
  }
}
