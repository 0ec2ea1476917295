import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { bearerToken, TokenAuthority, verifyToken } from '@tracker/auth';
import { DomainError, Role } from '@tracker/domain';
import { ApiContext, TOKEN_AUTHORITY, TOKEN_REVOCATIONS, TokenRevocations } from './api-context';
import { ROLES_KEY } from './roles.decorator';

/**
 * Every GraphQL operation needs a valid bearer token (UNAUTHENTICATED otherwise);
 * an operation marked @Roles is refused with FORBIDDEN to any other role.
 * HTTP routes (/health, the web views) are not GraphQL and pass through.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_AUTHORITY) private readonly authority: TokenAuthority,
    @Optional() @Inject(TOKEN_REVOCATIONS) private readonly revocations?: TokenRevocations,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const { req } = GqlExecutionContext.create(context).getContext<ApiContext>();
    if (!req.actor) {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw DomainError.unauthenticated('a bearer token is required');
      const actor = verifyToken(this.authority, token);
      if (this.revocations?.isRevoked(actor.jti))
        throw DomainError.unauthenticated('this token has been revoked');
      req.actor = actor;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(req.actor.role)) {
      throw DomainError.forbidden(
        `${req.actor.role} may not do this; it needs ${roles.join(' or ')}`,
      );
    }
    return true;
  }
}
