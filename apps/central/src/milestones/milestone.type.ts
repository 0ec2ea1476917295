import { DateScalar, DateTimeScalar, PageInfo } from '@tracker/api';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Health, MilestoneScope, MilestoneStatus } from '@tracker/domain';

@ObjectType()
export class Milestone {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  key: string;

  @Field()
  title: string;

  @Field(() => MilestoneStatus)
  status: MilestoneStatus;

  @Field(() => Health)
  health: Health;

  @Field(() => Int)
  percentComplete: number;

  @Field(() => DateScalar)
  baselineDue: string;

  @Field(() => DateScalar, { nullable: true })
  forecastDue: string | null;

  @Field(() => DateScalar, { nullable: true })
  completedOn: string | null;

  @Field(() => Int, {
    description:
      'Not done: days from baselineDue to today. Done: days from baselineDue to completedOn. Never negative; 0 for CANCELLED.',
  })
  daysLate: number;

  @Field(() => String, { nullable: true })
  blocker: string | null;

  @Field(() => Int, { description: 'The highest seq applied from the owning node.' })
  version: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastReportedAt: Date | null;

  /** Not in the contract: the scope of the plan item, handy for the boards. */
  @Field(() => MilestoneScope)
  scope: MilestoneScope;

  @Field(() => String, { nullable: true, description: 'The latest report’s note.' })
  note: string | null;

  programId: string;
  unitId: string;
}

@ObjectType()
export class MilestoneEdge {
  @Field()
  cursor: string;

  @Field(() => Milestone)
  node: Milestone;
}

@ObjectType()
export class MilestoneConnection {
  @Field(() => [MilestoneEdge])
  edges: MilestoneEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}
