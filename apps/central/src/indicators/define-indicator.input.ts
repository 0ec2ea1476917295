import { DateScalar } from '@tracker/api';
import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IndicatorKind, IndicatorReporters } from '@tracker/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

@InputType()
export class IndicatorTargetInput {
  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value: number;

  @Field(() => DateScalar)
  due: string;
}

@InputType()
export class DefineIndicatorInput {
  @Field(() => ID, { description: "Upper-case ASCII, letters, digits and '_'." })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, {
    message: "code is 2-32 upper-case ASCII letters, digits and '_', e.g. L4_SHARE",
  })
  code: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => IndicatorKind)
  @IsEnum(IndicatorKind)
  kind: IndicatorKind;

  /** A unit's label ('%', 'hồ sơ'), not prose: 32 characters is ample. */
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  measure: string;

  @Field()
  @IsString()
  @MaxLength(16)
  ownerCode: string;

  @Field(() => IndicatorReporters, {
    nullable: true,
    description: 'Who reports its values; PROVINCES when absent.',
  })
  @IsOptional()
  @IsEnum(IndicatorReporters)
  reportedBy?: IndicatorReporters;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  programCode?: string;

  /** A target per milestone year of a resolution; 20 covers any plan horizon. */
  @Field(() => [IndicatorTargetInput])
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IndicatorTargetInput)
  targets: IndicatorTargetInput[];
}
