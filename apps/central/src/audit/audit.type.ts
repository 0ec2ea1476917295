import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, PageInfo } from '@tracker/api';

@ObjectType({ description: 'One write, as the append-only audit log keeps it.' })
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar, { description: 'Wall-clock time of the write.' })
  at: Date;

  @Field({ description: "The token's subject, or 'system'." })
  actor: string;

  @Field()
  role: string;

  @Field({
    description:
      'e.g. plan.publish, program.create, updates.push, escalation.acknowledge, escalation.resolve.',
  })
  action: string;

  @Field()
  subject: string;

  @Field({ description: 'What changed, as JSON.' })
  detail: string;
}

@ObjectType()
export class AuditEntryEdge {
  @Field()
  cursor: string;

  @Field(() => AuditEntry)
  node: AuditEntry;
}

@ObjectType()
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}
