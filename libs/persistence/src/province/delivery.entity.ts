import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the centre answered for each delivered report, kept so staff can see what it refused and why. */
@Entity('delivery')
export class DeliveryEntity {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'idempotency_key', type: 'uuid' })
  idempotencyKey: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt: Date;
}
