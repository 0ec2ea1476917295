import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { MilestoneEntity } from './milestone.entity';
import { UnitEntity } from './unit.entity';

/**
 * Every update a node pushed, whatever became of it: the milestone's history.
 * The unique (node, idempotency key) is what makes a retry, a duplicate batch or
 * a second central instance unable to apply the same report twice.
 * Values are kept as pushed (a REJECTED update may hold a percent of 150).
 */
@Entity('milestone_update')
@Unique('milestone_update_node_key_key', ['nodeUnitId', 'idempotencyKey'])
@Index('milestone_update_milestone_idx', ['milestoneId', 'seq'])
// reports by the day they are dated, with INCLUDE columns TypeORM cannot declare (migration MonthReceipts)
@Index('milestone_update_reported_idx', { synchronize: false })
@Check('milestone_update_outcome_check', `"outcome" IN ('APPLIED', 'STALE', 'REJECTED')`)
export class MilestoneUpdateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The unit whose node pushed it (the token's unit). */
  @Column({ name: 'node_unit_id', type: 'uuid' })
  nodeUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'node_unit_id', foreignKeyConstraintName: 'milestone_update_node_fk' })
  nodeUnit?: UnitEntity;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'integer' })
  seq: number;

  /** Null when the update named no known milestone (then REJECTED). */
  @Column({ name: 'milestone_id', type: 'uuid', nullable: true })
  milestoneId: string | null;

  @ManyToOne(() => MilestoneEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'milestone_id', foreignKeyConstraintName: 'milestone_update_milestone_fk' })
  milestone?: MilestoneEntity | null;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'percent_complete', type: 'integer' })
  percentComplete: number;

  @Column({ name: 'forecast_due', type: 'date', nullable: true })
  forecastDue: string | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'text', nullable: true })
  blocker: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
