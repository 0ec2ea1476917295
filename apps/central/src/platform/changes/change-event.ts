import { Field, ObjectType } from '@nestjs/graphql';

/**
 * What changed. `revocations` (a token was revoked) and `rollups` (the maintained
 * roll-ups moved to a new day) travel the same path to every instance but are for
 * the instances only: subscribers never see them.
 */
export type ChangeKind =
  'milestones' | 'escalations' | 'plan' | 'units' | 'indicators' | 'revocations' | 'rollups';

/** The kinds only instances hear. */
export const INSTANCE_ONLY_KINDS: readonly ChangeKind[] = ['revocations', 'rollups'];

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
