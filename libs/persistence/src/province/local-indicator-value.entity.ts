import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalIndicatorEntity } from './local-indicator.entity';

/**
 * This province's value of an indicator for a month, as its office last reported it:
 * a newer report for the same month replaces it here, as the centre keeps the one
 * with the highest seq.
 */
@Entity('local_indicator_value')
@Check('local_indicator_value_period_check', `"period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class LocalIndicatorValueEntity {
  @PrimaryColumn({ name: 'indicator_code', type: 'text' })
  indicatorCode: string;

  @ManyToOne(() => LocalIndicatorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'local_indicator_value_indicator_fk',
  })
  indicator?: LocalIndicatorEntity;

  /** The calendar month, YYYY-MM. */
  @PrimaryColumn({ type: 'text' })
  period: string;

  @Column({ type: 'double precision' })
  numerator: number;

  /** RATIO only. */
  @Column({ type: 'double precision', nullable: true })
  denominator: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The centre's answer to the latest delivered report of this month, and why when REJECTED. */
  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome: string | null;

  @Column({ name: 'last_outcome_reason', type: 'text', nullable: true })
  lastOutcomeReason: string | null;
}
