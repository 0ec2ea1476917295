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
import { PlanItemEntity } from './plan-item.entity';
import { ProgramEntity } from './program.entity';
import { UnitEntity } from './unit.entity';

/** One plan item for one unit, with the latest state its owner reported. */
@Entity('milestone')
@Unique('milestone_item_unit_key', ['planItemId', 'unitId'])
@Index('milestone_program_idx', ['programId'])
@Index('milestone_unit_idx', ['unitId'])
@Index('milestone_successor_idx', ['successorId'], { where: '"successor_id" IS NOT NULL' })
@Check(
  'milestone_status_check',
  `"status" IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')`,
)
@Check('milestone_percent_check', `"percent_complete" BETWEEN 0 AND 100`)
@Check(
  'milestone_done_check',
  `"status" <> 'DONE' OR ("percent_complete" = 100 AND "completed_on" IS NOT NULL)`,
)
@Check('milestone_version_check', `"version" >= 0`)
export class MilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'milestone_program_fk' })
  program?: ProgramEntity;

  @Column({ name: 'plan_item_id', type: 'uuid' })
  planItemId: string;

  @ManyToOne(() => PlanItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_item_id', foreignKeyConstraintName: 'milestone_plan_item_fk' })
  planItem?: PlanItemEntity;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'milestone_unit_fk' })
  unit?: UnitEntity;

  @Column({ type: 'text', default: 'NOT_STARTED' })
  status: string;

  /** The status to restore if a removed plan key is published again. */
  @Column({ name: 'status_before_cancel', type: 'text', nullable: true })
  statusBeforeCancel: string | null;

  @Column({ name: 'percent_complete', type: 'integer', default: 0 })
  percentComplete: number;

  @Column({ name: 'forecast_due', type: 'date', nullable: true })
  forecastDue: string | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'text', nullable: true })
  blocker: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The highest seq applied from the owning node. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ name: 'last_reported_at', type: 'timestamptz', nullable: true })
  lastReportedAt: Date | null;

  /** When the report that set BLOCKED was made; null unless BLOCKED. Escalation age counts from it. */
  @Column({ name: 'blocked_since', type: 'timestamptz', nullable: true })
  blockedSince: Date | null;

  /**
   * Set when this milestone's unit was merged: the new unit's milestone for the same
   * item, which shows this one's state (derived) until its own first report.
   */
  @Column({ name: 'successor_id', type: 'uuid', nullable: true })
  successorId: string | null;

  @ManyToOne(() => MilestoneEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'milestone_successor_fk' })
  successor?: MilestoneEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
