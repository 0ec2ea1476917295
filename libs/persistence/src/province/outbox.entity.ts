import { Column, Entity, Unique } from 'typeorm';
import { OutboxEntryColumns } from './outbox-entry.columns';

/** A report waiting for the centre, written in the same transaction as the milestone it changed. */
@Entity('outbox')
@Unique('outbox_idempotency_key_key', ['idempotencyKey'])
export class OutboxEntity extends OutboxEntryColumns {
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
}
