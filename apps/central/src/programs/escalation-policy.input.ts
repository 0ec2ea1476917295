import { Field, InputType, Int } from '@nestjs/graphql';
import { EscalationLevel } from '@tracker/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

@InputType('EscalationStepInput')
export class EscalationStep {
  @Field(() => Int, { description: 'From this many days of age on…' })
  @IsInt()
  @Min(0)
  // Ten years: beyond it a threshold is a typo.
  @Max(3650)
  days: number;

  @Field(() => EscalationLevel, { description: '…the condition is a matter for this level.' })
  @IsEnum(EscalationLevel)
  level: EscalationLevel;
}

/** A program's overrides of domain.md's thresholds; a field left out keeps the default. */
@InputType()
export class EscalationPolicyInput {
  @Field(() => [EscalationStep], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => EscalationStep)
  overdue?: EscalationStep[];

  @Field(() => [EscalationStep], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => EscalationStep)
  blocked?: EscalationStep[];

  @Field(() => [EscalationStep], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => EscalationStep)
  stale?: EscalationStep[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  staleDays?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  forecastSlipDays?: number;

  @Field(() => EscalationLevel, { nullable: true })
  @IsOptional()
  @IsEnum(EscalationLevel)
  forecastSlipLevel?: EscalationLevel;

  @Field(() => EscalationLevel, { nullable: true })
  @IsOptional()
  @IsEnum(EscalationLevel)
  dependencyLateLevel?: EscalationLevel;
}
