import { Column, PrimaryColumn } from 'typeorm';

/** What every delivered entry of the outbox keeps of the centre's answer (delivery, indicator_delivery). */
export abstract class DeliveredAnswerColumns {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'idempotency_key', type: 'uuid' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt: Date;
}
