import { Field, ObjectType } from '@nestjs/graphql';

/** The PostgreSQL channel every central instance listens on. */
export const CHANGES_CHANNEL = 'tracker_changes';

@ObjectType({ description: 'Something changed: live views refetch what they show.' })
export class ChangeEvent {
  @Field({
    description: 'milestones (a report was applied), escalations, or plan (a plan was published).',
  })
  kind: 'milestones' | 'escalations' | 'plan';

  @Field(() => [String], {
    nullable: true,
    description: 'The programs concerned (ids); null: any.',
  })
  programIds: string[] | null;
}
