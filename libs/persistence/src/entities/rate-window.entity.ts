import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Requests counted per caller and minute, in the shared database: a limit holds
 * across every central instance, not per instance.
 */
@Entity('rate_window')
@Index('rate_window_start_idx', ['windowStart'])
export class RateWindowEntity {
  /** 'token:<hash>' for a bearer token, 'ip:<address>' without one. */
  @PrimaryColumn({ type: 'text' })
  caller: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'integer', default: 0 })
  count: number;
}
