import { DateScalar, DateTimeScalar, PageInfo, ReportedState } from '@tracker/api';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Health, MilestoneScope } from '@tracker/domain';

@ObjectType()
export class Milestone extends ReportedState {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  key: string;

  @Field()
  title: string;

  @Field(() => Health)
  health: Health;

  @Field(() => DateScalar)
  baselineDue: string;

  @Field(() => Int, {
    description:
      'Not done: days from baselineDue to today. Done: days from baselineDue to completedOn. Never negative; 0 for CANCELLED.',
  })
  daysLate: number;

  @Field(() => Int, { description: 'The highest seq applied from the owning node.' })
  version: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastReportedAt: Date | null;

  /** Not in the contract: the scope of the plan item, handy for the boards. */
  @Field(() => MilestoneScope)
  scope: MilestoneScope;

  programId: string;
  unitId: string;
  /** Resolved as successor. */
  successorId: string | null;
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
