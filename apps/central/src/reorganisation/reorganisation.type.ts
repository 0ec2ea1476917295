import { DateScalar, DateTimeScalar } from '@tracker/api';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsoDate, UnitKind } from '@tracker/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { BegunUnit } from './reorganisation.repository';

/** More mergers than provinces and agencies together is a mistake. */
const MAX_MERGERS = 200;

@InputType()
export class NewUnitInput {
  @Field()
  @IsString()
  @MaxLength(16)
  code: string;

  @Field()
  @IsString()
  @MaxLength(200)
  name: string;

  @Field(() => UnitKind)
  @IsEnum(UnitKind)
  kind: UnitKind;
}

@InputType()
export class UnitMergerInput {
  @Field(() => NewUnitInput)
  @ValidateNested()
  @Type(() => NewUnitInput)
  successor: NewUnitInput;

  @Field(() => [String], { description: 'Codes of units existing the day before effectiveOn.' })
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  @ArrayMaxSize(MAX_MERGERS)
  predecessorCodes: string[];
}

@InputType()
export class ReorganisationInput {
  @Field(() => DateScalar)
  effectiveOn: IsoDate;

  @Field(() => [UnitMergerInput])
  @ValidateNested({ each: true })
  @Type(() => UnitMergerInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MERGERS)
  mergers: UnitMergerInput[];

  @Field({ defaultValue: false, description: 'Answer what would change; change nothing.' })
  @IsBoolean()
  dryRun: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

@ObjectType()
export class Reorganisation {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  effectiveOn: IsoDate;

  @Field()
  dryRun: boolean;

  @Field(() => String, { nullable: true })
  note: string | null;

  /** Resolved as endedUnits. */
  endedUnitIds: string[];

  /** Resolved as newUnits. */
  newUnits: BegunUnit[];

  @Field(() => Int, {
    description: 'Milestones given to new units, each carrying its predecessors.',
  })
  milestonesCarried: number;

  @Field(() => Int, {
    description: "Open escalations of ended units' milestones that were resolved.",
  })
  escalationsResolved: number;

  @Field(() => Int, { description: 'Programs whose owner passed to a successor.' })
  programsTransferred: number;

  @Field()
  appliedBy: string;

  @Field(() => DateTimeScalar)
  appliedAt: Date;
}
