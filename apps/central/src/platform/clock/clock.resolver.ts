import { Query, Resolver } from '@nestjs/graphql';
import { DateTimeScalar } from '@tracker/api';
import { Clock } from './clock';

@Resolver()
export class ClockResolver {
  constructor(private readonly clock: Clock) {}

  /** Province nodes stamp their reports by this clock, so a fixed CLOCK_NOW reads the same everywhere. */
  @Query(() => DateTimeScalar, {
    description: 'The central clock: what every date-based rule reads.',
  })
  now(): Date {
    return this.clock.now();
  }
}
