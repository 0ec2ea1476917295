import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EscalationEntity } from './escalation.entity';

/** Every change to an escalation (opened, rose, acknowledged, resolved, by whom, why); never deleted. */
@Entity('escalation_event')
@Index('escalation_event_escalation_idx', ['escalationId', 'at'])
export class EscalationEventEntity {
  /** Ascending in the order events were recorded: events of one instant (a fixed clock) still read in order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: number;

  @Column({ name: 'escalation_id', type: 'uuid' })
  escalationId: string;

  @ManyToOne(() => EscalationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'escalation_id', foreignKeyConstraintName: 'escalation_event_escalation_fk' })
  escalation?: EscalationEntity;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** OPENED, ROSE, REOPENED, LOWERED, ACKNOWLEDGED, RESOLVED, AUTO_RESOLVED. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  level: string;

  /** Who: a token's subject, or 'system' for the engine. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
