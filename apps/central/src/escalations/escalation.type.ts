import { DateTimeScalar, PageInfo } from '@tracker/api';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { EscalationLevel, EscalationReason, EscalationState } from '@tracker/domain';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';

@ObjectType()
export class Escalation {
  @Field(() => ID)
  id: string;

  @Field(() => EscalationLevel)
  level: EscalationLevel;

  @Field(() => EscalationReason)
  reason: EscalationReason;

  @Field(() => EscalationState)
  state: EscalationState;

  @Field(() => DateTimeScalar, { description: 'When this escalation was first raised.' })
  openedAt: Date;

  @Field(() => Int, {
    description:
      'Age of the condition in whole days by the central clock (days late, days blocked, days without a report): what the level is based on.',
  })
  ageDays: number;

  @Field(() => DateTimeScalar, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => String, { nullable: true })
  acknowledgedBy: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Int, {
    description:
      'DEPENDENCY_LATE: how many units have milestones waiting on this one; otherwise 0.',
  })
  waitingUnits: number;

  milestoneId: string;
}

@ObjectType()
export class EscalationEdge {
  @Field()
  cursor: string;

  @Field(() => Escalation)
  node: Escalation;
}

@ObjectType()
export class EscalationConnection {
  @Field(() => [EscalationEdge])
  edges: EscalationEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

@ObjectType()
export class LevelCount {
  @Field(() => EscalationLevel)
  level: EscalationLevel;

  @Field(() => Int)
  count: number;
}

@InputType()
export class EscalationFilter {
  @Field(() => [EscalationLevel], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  level?: EscalationLevel[];

  @Field(() => [EscalationState], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  state?: EscalationState[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(32)
  programCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  unitCode?: string;

  @Field({
    nullable: true,
    description:
      'Only escalations the caller may act on: at or below their level, within their scope (PMO: all).',
  })
  @IsOptional()
  mine?: boolean;
}

@ObjectType({
  description:
    'One change to an escalation: opened, rose, re-opened, lowered, acknowledged, resolved.',
})
export class EscalationEvent {
  @Field(() => DateTimeScalar)
  at: Date;

  @Field({
    description: 'OPENED, ROSE, REOPENED, LOWERED, ACKNOWLEDGED, RESOLVED or AUTO_RESOLVED.',
  })
  kind: string;

  @Field(() => EscalationLevel)
  level: EscalationLevel;

  @Field({ description: "Who: a token's subject, or 'system' for the escalation engine." })
  actor: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  escalationId: string;
}
