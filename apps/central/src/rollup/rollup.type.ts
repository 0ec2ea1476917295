import { DateTimeScalar } from '@tracker/api';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Health, IsoDate } from '@tracker/domain';
import { Unit } from '../units/unit.type';

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

  /** The day the row answers for, so that its milestones are read as of it too. */
  asOf: IsoDate;
}
