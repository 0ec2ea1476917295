import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UnitEntity } from './unit.entity';

/**
 * One row per reporting node (a province's node, an agency): what the centre has
 * recorded from it. Batches from one node lock this row, so they are recorded one
 * after another even across central instances.
 */
@Entity('node_sync')
@Check(
  'node_sync_counts_check',
  `"highest_seq" >= 0 AND "applied_count" >= 0 AND "rejected_count" >= 0`,
)
export class NodeSyncEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @OneToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'node_sync_unit_fk' })
  unit?: UnitEntity;

  @Column({ name: 'highest_seq', type: 'integer', default: 0 })
  highestSeq: number;

  @Column({ name: 'applied_count', type: 'integer', default: 0 })
  appliedCount: number;

  @Column({ name: 'rejected_count', type: 'integer', default: 0 })
  rejectedCount: number;

  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt: Date | null;
}
