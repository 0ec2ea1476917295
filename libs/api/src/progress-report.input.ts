import { Field, InputType, Int } from '@nestjs/graphql';
import { MilestoneStatus, ProgressReport, REPORT_LIMITS } from '@tracker/domain';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar } from './date.scalar';

/**
 * The fields of a progress report, the same on a province node (reportProgress)
 * and at the centre (pushMilestoneUpdates), bounded the same way.
 */
@InputType({ isAbstract: true })
export abstract class ProgressReportFields implements ProgressReport {
  @Field(() => MilestoneStatus)
  @IsEnum(MilestoneStatus)
  status: MilestoneStatus;

  @Field(() => Int)
  @IsInt()
  percentComplete: number;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  forecastDue?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  completedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_LIMITS.maxBlockerLength)
  blocker?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_LIMITS.maxNoteLength)
  note?: string | null;
}
