import { DateTimeScalar, IndicatorFigureFields } from '@tracker/api';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { UpdateOutcome } from '@tracker/domain';
import { IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';

/**
 * One indicator value a node pushes. Its figures are judged by the domain
 * (decideIndicatorValues), not here: a bad one is REJECTED with its reason and
 * kept, instead of refusing the batch it rides in.
 */
@InputType()
export class IndicatorValueInput extends IndicatorFigureFields {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  idempotencyKey: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  seq: number;

  @Field(() => ID)
  @IsString()
  @MaxLength(32)
  indicatorCode: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(16)
  unitCode: string;

  /** Malformed is a broken node, refused whole; a well-formed month in the future is REJECTED alone. */
  @Field({ description: 'Calendar month, YYYY-MM.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period is a calendar month, YYYY-MM' })
  period: string;

  @Field(() => DateTimeScalar)
  reportedAt: Date;
}

@ObjectType()
export class IndicatorValueResult {
  @Field(() => ID)
  idempotencyKey: string;

  @Field(() => UpdateOutcome)
  outcome: UpdateOutcome;

  @Field(() => String, { nullable: true })
  reason: string | null;

  /** As an update's: a node that lost the first answer learns from its retry what became of the value. */
  @Field(() => UpdateOutcome, {
    description:
      'DUPLICATE: what the centre answered the first time it saw this key; otherwise the outcome itself.',
  })
  firstOutcome: UpdateOutcome;
}
