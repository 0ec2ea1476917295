import { Field, ObjectType } from '@nestjs/graphql';

/**
 * What changed. `revocations` (a token was revoked) travels the same path to every
 * instance but is for the instances only: subscribers never see it.
 */
export type ChangeKind =
  'milestones' | 'escalations' | 'plan' | 'units' | 'indicators' | 'revocations';

/** The PostgreSQL channel every central instance listens on. */
export const CHANGES_CHANNEL = 'tracker_changes';

@ObjectType({ description: 'Something changed: live views refetch what they show.' })
export class ChangeEvent {
  @Field(() => String, {
    description:
      'milestones (a report or indicator value was applied), escalations, plan (a plan was published), units (a reorganisation) or indicators (one was defined).',
  })
  kind: ChangeKind;

  @Field(() => [String], {
    nullable: true,
    description: 'The programs concerned (ids); null: any.',
  })
  programIds: string[] | null;
}
