import { DateScalar, DateTimeScalar } from '@tracker/api';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DeliveryModel, Health, MilestoneScope } from '@tracker/domain';
import { Unit } from '../units/unit.type';

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
export class Progress {
  @Field(() => Float, { description: 'Weighted percent complete, 0-100.' })
  percentComplete: number;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  done: number;

  @Field(() => Int)
  late: number;

  @Field(() => Int)
  blocked: number;

  @Field(() => Int)
  atRisk: number;

  @Field(() => Int)
  onTrack: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of the milestones whose baseline date has passed, the share done by that date (0-1); null when none has passed.',
  })
  onTimeRate: number | null;
}

@ObjectType()
export class ProvinceRow {
  @Field(() => Unit)
  unit: Unit;

  @Field(() => Progress)
  progress: Progress;

  @Field(() => Health, { description: "The row's worst health." })
  health: Health;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When this province's node last delivered updates to the central app.",
  })
  lastSyncAt: Date | null;

  /** Which program the row belongs to (null: across all programs), for the row's milestones. */
  programId: string | null;
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

  id: string;
  ownerUnitId: string;
}
