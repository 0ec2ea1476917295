import { Field, ObjectType } from '@nestjs/graphql';

/**
 * What changed. `revocations` (a token was revoked) travels the same path to every
 * instance but is for the instances only: subscribers never see it.
 */
export type ChangeKind = 'milestones' | 'escalations' | 'plan' | 'units' | 'revocations';

/** The PostgreSQL channel every central instance listens on. */
export const CHANGES_CHANNEL = 'tracker_changes';

@ObjectType({ description: 'Something changed: live views refetch what they show.' })
export class ChangeEvent {
  @Field(() => String, {
    description:
      'milestones (a report was applied), escalations, plan (a plan was published) or units (a reorganisation).',
  })
  kind: ChangeKind;

  @Field(() => [String], {
    nullable: true,
    description: 'The programs concerned (ids); null: any.',
  })
  programIds: string[] | null;
}
