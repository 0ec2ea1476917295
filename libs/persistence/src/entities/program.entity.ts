import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { UnitEntity } from './unit.entity';

@Entity('program')
@Unique('program_code_key', ['code'])
// codes byte-wise, as pages sort them: TypeORM cannot declare the collation (migration PageOrderIndexes)
@Index('program_code_order', { synchronize: false })
@Check('program_model_check', `"model" IN ('CENTRALIZED', 'FEDERATED')`)
@Check('program_plan_version_check', `"plan_version" >= 0`)
@Check('program_reporting_deadline_day_check', `"reporting_deadline_day" BETWEEN 1 AND 28`)
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'owner_unit_id', type: 'uuid' })
  ownerUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_unit_id', foreignKeyConstraintName: 'program_owner_fk' })
  owner?: UnitEntity;

  @Column({ type: 'text' })
  model: string;

  @Column({ name: 'target_date', type: 'date', nullable: true })
  targetDate: string | null;

  /** 0 until the first plan is published; each publish adds one. */
  @Column({ name: 'plan_version', type: 'integer', default: 0 })
  planVersion: number;

  /** Overrides of the default escalation thresholds (domain EscalationPolicy); null: the defaults. */
  @Column({ name: 'escalation_policy', type: 'jsonb', nullable: true })
  escalationPolicy: unknown;

  /** Day of the next month by which a month's reports are due (domain.md "Reporting periods"); 28 at most, so every month has it. */
  @Column({ name: 'reporting_deadline_day', type: 'integer', default: 5 })
  reportingDeadlineDay: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
