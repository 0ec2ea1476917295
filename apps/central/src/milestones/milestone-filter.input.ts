import { DateScalar } from '@tracker/api';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Health, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';

@InputType()
export class MilestoneFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  programCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  unitCode?: string;

  @Field(() => [MilestoneStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  status?: MilestoneStatus[];

  @Field(() => [Health], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  health?: Health[];

  @Field(() => MilestoneScope, { nullable: true })
  @IsOptional()
  scope?: MilestoneScope;

  @Field({
    nullable: true,
    description: 'Only milestones with (true) or without (false) an open escalation.',
  })
  @IsOptional()
  escalated?: boolean;

  @Field({
    nullable: true,
    description:
      "Diacritic- and case-insensitive match on title or unit name: 'ha noi' finds 'Hà Nội'.",
  })
  @IsOptional()
  // A search box, not a document: longer input is a mistake or an attack.
  @MaxLength(100)
  search?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The milestones as they stood at the end of that day (domain.md 'As of a date').",
  })
  @IsOptional()
  asOf?: string;
}
