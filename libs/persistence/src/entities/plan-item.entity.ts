import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ProgramEntity } from './program.entity';

/**
 * The current definition of one plan key. A removed key keeps its row (removed_in_version
 * set) so that its cancelled milestones keep their history and the key can return.
 */
@Entity('plan_item')
@Unique('plan_item_program_key_key', ['programId', 'key'])
@Check('plan_item_scope_check', `"scope" IN ('CENTRAL', 'PROVINCE')`)
@Check('plan_item_weight_check', `"weight" > 0`)
export class PlanItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'plan_item_program_fk' })
  program?: ProgramEntity;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'title_folded', type: 'text' })
  titleFolded: string;

  @Column({ type: 'text' })
  scope: string;

  @Column({ name: 'baseline_due', type: 'date' })
  baselineDue: string;

  @Column({ type: 'double precision', default: 1 })
  weight: number;

  @Column({ name: 'depends_on', type: 'text', array: true, default: () => `'{}'` })
  dependsOn: string[];

  /** Order of the item in the published plan. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'added_in_version', type: 'integer' })
  addedInVersion: number;

  @Column({ name: 'removed_in_version', type: 'integer', nullable: true })
  removedInVersion: number | null;
}
