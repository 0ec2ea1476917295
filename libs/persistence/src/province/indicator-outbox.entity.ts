import { Column, Entity, Unique } from 'typeorm';
import { OutboxEntryColumns } from './outbox-entry.columns';

/**
 * An indicator value waiting for the centre, written in the same transaction as the
 * local value. Its seq is taken from the node's one seq space (node_state.next_seq),
 * shared with the progress reports of `outbox`: the two tables together are the outbox,
 * pushed in seq order in the same batches.
 */
@Entity('indicator_outbox')
@Unique('indicator_outbox_idempotency_key_key', ['idempotencyKey'])
export class IndicatorOutboxEntity extends OutboxEntryColumns {
  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode: string;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'double precision' })
  numerator: number;

  @Column({ type: 'double precision', nullable: true })
  denominator: number | null;
}
