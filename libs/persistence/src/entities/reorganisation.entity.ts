import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A merger map applied (or tried in a dry run) on a date: what it ended, what it
 * began and what it carried. The partial unique index on the map's key is what
 * refuses the same map twice, even from two central instances at once.
 */
@Entity('reorganisation')
@Index('reorganisation_map_once', ['mapKey'], { unique: true, where: '"dry_run" = false' })
@Check(
  'reorganisation_counts_check',
  `"milestones_carried" >= 0 AND "escalations_resolved" >= 0 AND "programs_transferred" >= 0`,
)
export class ReorganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  /** The map, canonical (date and mergers, sorted), hashed: equal maps have equal keys. */
  @Column({ name: 'map_key', type: 'text' })
  mapKey: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The merger map as given, for the record. */
  @Column({ type: 'jsonb' })
  mergers: unknown;

  @Column({ name: 'ended_unit_ids', type: 'uuid', array: true })
  endedUnitIds: string[];

  /** The units begun, as they were (a dry run's never existed: {id, code, name, kind}). */
  @Column({ name: 'new_units', type: 'jsonb' })
  newUnits: unknown;

  @Column({ name: 'milestones_carried', type: 'integer' })
  milestonesCarried: number;

  @Column({ name: 'escalations_resolved', type: 'integer' })
  escalationsResolved: number;

  @Column({ name: 'programs_transferred', type: 'integer' })
  programsTransferred: number;

  @Column({ name: 'applied_by', type: 'text' })
  appliedBy: string;

  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt: Date;
}
