import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProgramEntity } from './program.entity';

/** Every published plan, whole, as it was published: the record of what was promised when. */
@Entity('plan_version')
export class PlanVersionEntity {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'plan_version_program_fk' })
  program?: ProgramEntity;

  @Column({ type: 'jsonb' })
  items: unknown;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
