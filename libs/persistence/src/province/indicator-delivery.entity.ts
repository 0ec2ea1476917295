import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the centre answered for each delivered indicator value, as `delivery` keeps it for reports. */
@Entity('indicator_delivery')
export class IndicatorDeliveryEntity {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'idempotency_key', type: 'uuid' })
  idempotencyKey: string;

  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode: string;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt: Date;
}
