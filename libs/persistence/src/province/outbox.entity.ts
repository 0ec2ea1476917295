import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A report waiting for the centre, written in the same transaction as the milestone it changed. */
@Entity('outbox')
@Unique('outbox_idempotency_key_key', ['idempotencyKey'])
export class OutboxEntity {
  /** The node's seq: strictly increasing over the node's whole life (node_state.next_seq). */
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'idempotency_key', type: 'uuid' })
  idempotencyKey: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  key: string;

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
}
