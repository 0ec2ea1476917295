import { DateScalar } from '@tracker/api';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IndicatorKind, IndicatorReporters } from '@tracker/domain';
import { Unit } from '../units/unit.type';

@ObjectType()
export class IndicatorTarget {
  @Field(() => Float, { description: 'For RATIO, a share 0-1.' })
  value: number;

  @Field(() => DateScalar)
  due: string;
}

@ObjectType()
export class IndicatorFigure {
  @Field({ description: 'Calendar month, YYYY-MM.' })
  period: string;

  @Field(() => Float, { nullable: true, description: 'Null when no unit reported for the period.' })
  value: number | null;

  @Field(() => Float, { nullable: true })
  numerator: number | null;

  @Field(() => Float, { nullable: true })
  denominator: number | null;

  @Field(() => Int)
  reportingUnits: number;

  @Field(() => Int)
  expectedUnits: number;
}

@ObjectType()
export class IndicatorProvinceRow {
  @Field(() => Unit)
  unit: Unit;

  @Field(() => IndicatorFigure)
  figure: IndicatorFigure;

  @Field(() => Float, {
    nullable: true,
    description: "Target value minus this unit's value (null without a value or target).",
  })
  gapToTarget: number | null;
}

@ObjectType()
export class IndicatorProjection {
  @Field(() => IndicatorTarget, { description: 'The next target not yet due.' })
  target: IndicatorTarget;

  @Field(() => IndicatorFigure, { nullable: true })
  latest: IndicatorFigure | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'When a least-squares line over the last 6 monthly national values reaches the target; null if it never does.',
  })
  projectedDate: string | null;

  @Field()
  onTrack: boolean;
}

@ObjectType()
export class Indicator {
  @Field(() => ID)
  code: string;

  @Field()
  name: string;

  @Field(() => IndicatorKind)
  kind: IndicatorKind;

  @Field({ description: "e.g. '%' or 'hồ sơ'." })
  measure: string;

  @Field(() => IndicatorReporters)
  reportedBy: IndicatorReporters;

  id: string;
  ownerUnitId: string;
  programId: string | null;
}
