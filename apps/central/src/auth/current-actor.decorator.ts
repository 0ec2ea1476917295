import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor } from '@tracker/auth';
import { RequestContext } from './request-context';

/** The authenticated caller (the guard has run, so there is one). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = GqlExecutionContext.create(ctx).getContext<RequestContext>().req.actor;
  if (!actor) throw new Error('CurrentActor used on an unguarded operation');
  return actor;
});
