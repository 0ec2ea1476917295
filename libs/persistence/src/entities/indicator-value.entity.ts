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
import { IndicatorEntity } from './indicator.entity';
import { UnitEntity } from './unit.entity';

/**
 * Every indicator value a node pushed, whatever became of it, like milestone_update:
 * the unique (node, idempotency key) keeps a retried or duplicated value from being
 * recorded twice. Figures are kept as pushed (a REJECTED one may have a denominator of 0).
 */
@Entity('indicator_value')
@Unique('indicator_value_node_key_key', ['nodeUnitId', 'idempotencyKey'])
@Index('indicator_value_series_idx', ['indicatorId', 'period', 'unitCode', 'seq'])
@Check('indicator_value_outcome_check', `"outcome" IN ('APPLIED', 'STALE', 'REJECTED')`)
@Check('indicator_value_period_check', `"period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class IndicatorValueEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The unit whose node pushed it (the token's unit). */
  @Column({ name: 'node_unit_id', type: 'uuid' })
  nodeUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'node_unit_id', foreignKeyConstraintName: 'indicator_value_node_fk' })
  nodeUnit?: UnitEntity;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'integer' })
  seq: number;

  /** Null when the value named no known indicator (then REJECTED). */
  @Column({ name: 'indicator_id', type: 'uuid', nullable: true })
  indicatorId: string | null;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'indicator_value_indicator_fk' })
  indicator?: IndicatorEntity | null;

  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode: string;

  /** The unit the value is for, as pushed. */
  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  /** The calendar month, YYYY-MM. */
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'double precision' })
  numerator: number;

  @Column({ type: 'double precision', nullable: true })
  denominator: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
