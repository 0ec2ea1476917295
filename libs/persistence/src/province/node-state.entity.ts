import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The node's one row of sync bookkeeping. */
@Entity('node_state')
@Check('node_state_singleton_check', `"id" = 1`)
export class NodeStateEntity {
  @PrimaryColumn({ type: 'integer', default: 1 })
  id: number;

  /** The seq the next report gets; only ever grows, and survives restarts with the database. */
  @Column({ name: 'next_seq', type: 'integer', default: 1 })
  nextSeq: number;

  @Column({ name: 'highest_acked_seq', type: 'integer', default: 0 })
  highestAckedSeq: number;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'central_reachable', type: 'boolean', default: false })
  centralReachable: boolean;

  /** Central clock minus local clock, in ms, as of the last pull: reports are stamped by the central clock. */
  @Column({ name: 'clock_offset_ms', type: 'bigint', default: 0 })
  clockOffsetMs: number;
}
