import { DateTimeScalar, PageInfo, ReportedState } from '@tracker/api';
import { IndicatorValueResult } from './indicator-value.input';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { UpdateOutcome } from '@tracker/domain';
import { Milestone } from '../milestones/milestone.type';

/** One report as the centre received it: what it said (ReportedState, as reported) and what became of it. */
@ObjectType()
export class MilestoneUpdate extends ReportedState {
  @Field(() => ID)
  idempotencyKey: string;

  @Field(() => Int)
  seq: number;

  @Field(() => UpdateOutcome)
  outcome: UpdateOutcome;

  @Field({ description: "Who reported it: the token's subject." })
  reportedBy: string;

  @Field(() => DateTimeScalar, { description: 'When the province recorded it.' })
  reportedAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the central app received it.' })
  receivedAt: Date;

  @Field(() => String, { nullable: true, description: 'Why it was REJECTED or STALE.' })
  reason: string | null;
}

@ObjectType()
export class MilestoneUpdateEdge {
  @Field()
  cursor: string;

  @Field(() => MilestoneUpdate)
  node: MilestoneUpdate;
}

@ObjectType()
export class MilestoneUpdateConnection {
  @Field(() => [MilestoneUpdateEdge])
  edges: MilestoneUpdateEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

@ObjectType()
export class UpdateResult {
  @Field(() => ID)
  idempotencyKey: string;

  @Field(() => UpdateOutcome)
  outcome: UpdateOutcome;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => Milestone, { nullable: true })
  milestone: Milestone | null;

  @Field(() => UpdateOutcome, {
    description:
      'DUPLICATE: what the centre answered the first time it saw this key; otherwise the outcome itself.',
  })
  firstOutcome: UpdateOutcome;
}

@ObjectType()
export class PushMilestoneUpdatesPayload {
  @Field(() => [UpdateResult], { description: 'One per input update, in input order.' })
  results: UpdateResult[];

  @Field(() => Int, {
    description:
      'Highest seq from the calling node that the central app has durably recorded; the node may drop everything up to it from its outbox.',
  })
  highestAckedSeq: number;

  @Field(() => [IndicatorValueResult], {
    description: 'One per input indicator value, in input order.',
  })
  indicatorResults: IndicatorValueResult[];
}
