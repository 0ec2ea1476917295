import { DateTimeScalar } from '@tracker/api';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Unit } from '../units/unit.type';

@ObjectType()
export class NodeSyncStatus {
  @Field(() => Unit)
  unit: Unit;

  @Field(() => DateTimeScalar, { nullable: true })
  lastSyncAt: Date | null;

  @Field(() => Int, {
    description: 'Highest seq the central app has applied or recorded from this node.',
  })
  highestSeq: number;

  @Field(() => Int)
  appliedCount: number;

  @Field(() => Int)
  rejectedCount: number;
}
