import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor } from '@tracker/auth';
import { ApiContext } from './api-context';

/** The authenticated caller (the guard has run, so there is one). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = GqlExecutionContext.create(ctx).getContext<ApiContext>().req.actor;
  if (!actor) throw new Error('CurrentActor used on an unguarded operation');
  return actor;
});
