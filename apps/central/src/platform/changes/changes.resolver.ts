import { Resolver, Subscription } from '@nestjs/graphql';
import { ChangeBus } from './change-bus';
import { ChangeEvent, INSTANCE_ONLY_KINDS } from './change-event';

@Resolver()
export class ChangesResolver {
  constructor(private readonly bus: ChangeBus) {}

  /** graphql-ws at /graphql, with { authorization: 'Bearer …' } as connection params. */
  @Subscription(() => ChangeEvent, {
    description: 'Escalation, milestone and plan changes, from any central instance.',
    filter: (payload: { changes: ChangeEvent }) =>
      !INSTANCE_ONLY_KINDS.includes(payload.changes.kind),
  })
  changes(): AsyncIterableIterator<unknown> {
    return this.bus.iterator();
  }
}
