import { DateScalar } from '@tracker/api';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DeliveryModel, MilestoneScope } from '@tracker/domain';

@ObjectType()
export class PlanItem {
  @Field(() => ID, { description: "Stable key within the program, e.g. 'LAND-P-04'." })
  key: string;

  @Field()
  title: string;

  @Field(() => MilestoneScope)
  scope: MilestoneScope;

  @Field(() => DateScalar)
  baselineDue: string;

  @Field(() => Float, { description: "Relative weight in the program's progress roll-up (> 0)." })
  weight: number;

  @Field(() => [ID], {
    description:
      "Keys of plan items that must be DONE first (for a PROVINCE item, a PROVINCE key means the same province's milestone).",
  })
  dependsOn: string[];
}

@ObjectType()
export class Program {
  @Field(() => ID, {
    description: 'e.g. POPULATION, LAND, ENTERPRISE, CIVIL_STATUS, SOCIAL_INSURANCE.',
  })
  code: string;

  @Field()
  name: string;

  @Field(() => DeliveryModel)
  model: DeliveryModel;

  @Field(() => DateScalar, { nullable: true })
  targetDate: string | null;

  @Field(() => Int, { description: 'Version of the published plan; 0 before any is published.' })
  planVersion: number;

  @Field(() => Int, {
    description:
      "Day of the next month by which a month's reports are due (domain.md 'Reporting periods'; default 5).",
  })
  reportingDeadlineDay: number;

  id: string;
  ownerUnitId: string;
}
