import { DateTimeScalar, ProgressReportFields } from '@tracker/api';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IndicatorValueInput } from './indicator-value.input';

/** A node pushes at most this many updates at once (domain.md "Sync"). */
export const MAX_BATCH = 500;

@InputType()
export class MilestoneUpdateInput extends ProgressReportFields {
  @Field(() => ID, {
    description: 'Unique per update, chosen by the reporting node; a retry reuses it.',
  })
  @IsString()
  @MaxLength(100)
  idempotencyKey: string;

  @Field(() => Int, { description: "Per node, strictly increasing over the node's whole life." })
  @IsInt()
  @Min(1)
  seq: number;

  @Field(() => ID)
  @IsString()
  @MaxLength(32)
  programCode: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  key: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(16)
  unitCode: string;

  @Field(() => DateTimeScalar)
  reportedAt: Date;
}

@InputType()
export class PushMilestoneUpdatesInput {
  @Field(() => [MilestoneUpdateInput], {
    description: 'At most 500 updates; a larger batch is refused whole (BAD_USER_INPUT).',
  })
  @ArrayMaxSize(MAX_BATCH, { message: `at most ${MAX_BATCH} updates in one batch` })
  @ValidateNested({ each: true })
  @Type(() => MilestoneUpdateInput)
  updates: MilestoneUpdateInput[];

  @Field(() => [IndicatorValueInput], {
    nullable: true,
    description:
      'Indicator values of the same node, in the same seq space as updates (the 500 counts both).',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_BATCH, { message: `at most ${MAX_BATCH} updates in one batch` })
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueInput)
  indicatorValues?: IndicatorValueInput[] | null;
}
