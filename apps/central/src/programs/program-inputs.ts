import { DateScalar } from '@tracker/api';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { DeliveryModel, MilestoneScope, PLAN_LIMITS } from '@tracker/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

@InputType()
export class CreateProgramInput {
  @Field(() => ID, { description: "Upper-case ASCII, letters, digits and '_' (e.g. LAND)." })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, {
    message: "code is 2-32 upper-case ASCII letters, digits and '_', e.g. LAND",
  })
  code: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ description: 'Code of an existing CENTRAL_AGENCY unit.' })
  @IsString()
  @MaxLength(16)
  ownerCode: string;

  @Field(() => DeliveryModel)
  @IsEnum(DeliveryModel)
  model: DeliveryModel;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  targetDate?: string;

  @Field(() => Int, {
    nullable: true,
    description: "Day 1-28 of the next month by which a month's reports are due; default 5.",
  })
  @IsOptional()
  @IsInt()
  reportingDeadlineDay?: number;
}

@InputType()
export class PlanItemInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(PLAN_LIMITS.maxKeyLength)
  key: string;

  @Field()
  @IsString()
  @MaxLength(PLAN_LIMITS.maxTitleLength)
  title: string;

  @Field(() => MilestoneScope)
  @IsEnum(MilestoneScope)
  scope: MilestoneScope;

  @Field(() => DateScalar)
  baselineDue: string;

  @Field(() => Float, { defaultValue: 1 })
  weight: number;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(PLAN_LIMITS.maxDependencies)
  @IsString({ each: true })
  dependsOn: string[];
}

@InputType()
export class PublishPlanInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(32)
  programCode: string;

  @Field(() => Int, {
    description:
      "Must equal the program's current planVersion: a stale publish is refused (BAD_USER_INPUT), nothing changes.",
  })
  @IsInt()
  @Min(0)
  expectedVersion: number;

  @Field(() => [PlanItemInput])
  @ArrayMaxSize(PLAN_LIMITS.maxItems)
  @ValidateNested({ each: true })
  @Type(() => PlanItemInput)
  items: PlanItemInput[];
}
