import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { IndicatorFigureFields } from '@tracker/api';
import { UpdateOutcome } from '@tracker/domain';
import { IsString, MaxLength } from 'class-validator';

@ObjectType()
export class LocalIndicatorValue {
  @Field({ description: 'YYYY-MM.' })
  period: string;

  @Field(() => Float)
  numerator: number;

  @Field(() => Float, { nullable: true })
  denominator: number | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field({ description: 'True while a report of this value waits in the outbox.' })
  pendingSync: boolean;

  @Field(() => UpdateOutcome, {
    nullable: true,
    description:
      "The central app's answer to the latest delivered report of this month, and its reason when REJECTED.",
  })
  lastOutcome: UpdateOutcome | null;

  @Field(() => String, { nullable: true })
  lastOutcomeReason: string | null;
}

@ObjectType({ description: 'An indicator this province reports monthly, with its own values.' })
export class LocalIndicator {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: "RATIO or COUNT (domain.md 'Indicators')." })
  kind: string;

  @Field()
  measure: string;

  @Field(() => [LocalIndicatorValue], {
    description:
      'The values this office reported, one per month (the latest report of it), newest month first.',
  })
  values: LocalIndicatorValue[];
}

/** The figures are judged by the domain's rules (validateIndicatorValue); here only their shape and size. */
@InputType()
export class ReportIndicatorInput extends IndicatorFigureFields {
  @Field()
  @IsString()
  @MaxLength(32)
  indicatorCode: string;

  @Field({ description: 'YYYY-MM, not after the current month.' })
  @IsString()
  @MaxLength(7)
  period: string;
}
