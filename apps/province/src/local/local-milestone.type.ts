import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar, ProgressReportFields, ReportedState } from '@tracker/api';
import { UpdateOutcome } from '@tracker/domain';
import { IsString, MaxLength } from 'class-validator';

@ObjectType()
export class LocalMilestone extends ReportedState {
  @Field()
  programCode: string;

  @Field()
  key: string;

  @Field()
  title: string;

  @Field(() => DateScalar)
  baselineDue: string;

  @Field({ description: 'True while a report of this milestone waits in the outbox.' })
  pendingSync: boolean;

  @Field(() => UpdateOutcome, {
    nullable: true,
    description:
      "The central app's answer to the latest delivered report, and its reason when REJECTED.",
  })
  lastOutcome: UpdateOutcome | null;

  @Field(() => String, { nullable: true })
  lastOutcomeReason: string | null;
}

@ObjectType()
export class PlanVersion {
  @Field()
  programCode: string;

  @Field(() => Int)
  version: number;
}

@ObjectType()
export class SyncState {
  @Field(() => Int, { description: 'Reports waiting in the outbox.' })
  pending: number;

  @Field(() => Int)
  nextSeq: number;

  @Field(() => Int)
  highestAckedSeq: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastSuccessAt: Date | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  centralReachable: boolean;

  @Field(() => [PlanVersion], {
    description: 'Published plan versions this node has instantiated, per program.',
  })
  planVersions: PlanVersion[];
}

@InputType()
export class ReportProgressInput extends ProgressReportFields {
  @Field()
  @IsString()
  @MaxLength(32)
  programCode: string;

  @Field()
  @IsString()
  @MaxLength(64)
  key: string;
}
