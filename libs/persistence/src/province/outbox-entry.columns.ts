import { Column, PrimaryColumn } from 'typeorm';

/** What every entry of the node's outbox carries, whatever it reports (outbox, indicator_outbox). */
export abstract class OutboxEntryColumns {
  /** The node's seq: strictly increasing over the node's whole life (node_state.next_seq). */
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'idempotency_key', type: 'uuid' })
  idempotencyKey: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;
}
