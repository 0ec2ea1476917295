import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ProgramEntity } from './program.entity';
import { UnitEntity } from './unit.entity';

/** A number the government set a target for (domain.md "Indicators"), defined by the PMO. */
@Entity('indicator')
@Unique('indicator_code_key', ['code'])
@Check('indicator_kind_check', `"kind" IN ('RATIO', 'COUNT')`)
@Check('indicator_reported_by_check', `"reported_by" IN ('PROVINCES', 'OWNER')`)
export class IndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  /** What the value counts, as people read it: '%', 'hồ sơ'. */
  @Column({ type: 'text' })
  measure: string;

  /** PROVINCES: every province reports its value; OWNER: the owner agency the national value. */
  @Column({ name: 'reported_by', type: 'text', default: 'PROVINCES' })
  reportedBy: string;

  @Column({ name: 'owner_unit_id', type: 'uuid' })
  ownerUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_unit_id', foreignKeyConstraintName: 'indicator_owner_fk' })
  owner?: UnitEntity;

  /** Null for a national indicator that belongs to no one program. */
  @Column({ name: 'program_id', type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'indicator_program_fk' })
  program?: ProgramEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
