import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MilestoneStatus, ProgressReport } from '@tracker/domain';
import { DateScalar } from './date.scalar';

/**
 * What a report says of a milestone: the same fields wherever one is shown (the
 * latest applied on the centre's Milestone and a node's LocalMilestone, each one in
 * a milestone's history), as the inputs share ProgressReportFields and the rules
 * share the domain's ProgressReport.
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

  @Field(() => String, { nullable: true, description: 'What the reporter added, in their words.' })
  note: string | null;
}
