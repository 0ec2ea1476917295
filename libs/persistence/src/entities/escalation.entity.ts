import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { MilestoneEntity } from './milestone.entity';

/**
 * A request for a leader to step in. At most one is live (OPEN or ACKNOWLEDGED)
 * per milestone and reason: the partial unique index makes two central instances
 * evaluating at once unable to open a second.
 */
@Entity('escalation')
@Index('escalation_live_key', ['milestoneId', 'reason'], {
  unique: true,
  where: `"state" <> 'RESOLVED'`,
})
@Index('escalation_queue_idx', ['state', 'level'])
// the live queue in reading order, on an expression TypeORM cannot declare (migration PageOrderIndexes)
@Index('escalation_live_queue', { synchronize: false })
@Check('escalation_state_check', `"state" IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')`)
@Check(
  'escalation_reason_check',
  `"reason" IN ('OVERDUE', 'FORECAST_SLIP', 'BLOCKED', 'STALE_REPORT', 'DEPENDENCY_LATE')`,
)
@Check(
  'escalation_level_check',
  `"level" IN ('DEPARTMENT', 'UNIT_LEADERSHIP', 'MINISTRY', 'MINISTER', 'GOVERNMENT')`,
)
@Check('escalation_resolution_check', `("state" = 'RESOLVED') = ("resolution" IS NOT NULL)`)
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'milestone_id', type: 'uuid' })
  milestoneId: string;

  @ManyToOne(() => MilestoneEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'milestone_id', foreignKeyConstraintName: 'escalation_milestone_fk' })
  milestone?: MilestoneEntity;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  level: string;

  @Column({ type: 'text' })
  state: string;

  /** Age of the condition in days as of the last evaluation. */
  @Column({ name: 'age_days', type: 'integer' })
  ageDays: number;

  @Column({ name: 'waiting_units', type: 'integer', default: 0 })
  waitingUnits: number;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy: string | null;

  /** MANUAL (a leader resolved it) or AUTO (the condition cleared). */
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
