import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MilestoneStatus, ProgressReport } from '@tracker/domain';
import { DateScalar } from './date.scalar';

/**
 * What the latest applied report says of a milestone: the same fields wherever one
 * is shown (the centre's Milestone, a node's LocalMilestone), as the inputs share
 * ProgressReportFields and the rules share the domain's ProgressReport.
 */
@ObjectType({ isAbstract: true })
export abstract class ReportedState implements ProgressReport {
  @Field(() => MilestoneStatus)
  status: MilestoneStatus;

  @Field(() => Int)
  percentComplete: number;

  @Field(() => DateScalar, { nullable: true })
  forecastDue: string | null;

  @Field(() => DateScalar, { nullable: true })
  completedOn: string | null;

  @Field(() => String, { nullable: true })
  blocker: string | null;

  @Field(() => String, { nullable: true, description: 'The latest report’s note.' })
  note: string | null;
}
