import { Field, Float, InputType } from '@nestjs/graphql';
import { REPORT_LIMITS } from '@tracker/domain';
import { IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The figures of an indicator value, the same on a province node (reportIndicator)
 * and at the centre (pushMilestoneUpdates' indicatorValues). Only their shape is
 * checked here: what the kind allows is the domain's (validateIndicatorValue,
 * decideIndicatorValues).
 */
@InputType({ isAbstract: true })
export abstract class IndicatorFigureFields {
  @Field(() => Float, {
    description: 'RATIO: the numerator; COUNT: the cumulative total at the end of the month.',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  numerator: number;

  @Field(() => Float, { nullable: true, description: 'RATIO only, > 0.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  denominator?: number | null;

  /** As long as a milestone report's note may be. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_LIMITS.maxNoteLength)
  note?: string | null;
}
