import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { DomainError, Role } from '@tracker/domain';
import { RevocationList } from './revocation-list';

@Resolver()
export class TokensResolver {
  constructor(private readonly revocations: RevocationList) {}

  @Mutation(() => Boolean, {
    description:
      'PMO only. Refuses the token with this id (its jti) on every central instance, at once (announced on the change bus).',
  })
  @Roles(Role.PMO)
  async revokeToken(
    @Args('jti', { type: () => ID }) jti: string,
    @CurrentActor() actor: Actor,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ): Promise<boolean> {
    if (reason && reason.length > 500)
      throw DomainError.badInput('reason', 'a reason is at most 500 characters');
    await this.revocations.revoke(jti, reason?.trim() || null, actor);
    return true;
  }
}
