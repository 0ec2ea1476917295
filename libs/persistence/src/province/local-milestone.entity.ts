import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One of this province's milestones as the node knows it: the centre's state as
 * last pulled, overlaid by the office's own reports until the centre has them.
 */
@Entity('local_milestone')
@Check(
  'local_milestone_status_check',
  `"status" IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')`,
)
@Check('local_milestone_percent_check', `"percent_complete" BETWEEN 0 AND 100`)
export class LocalMilestoneEntity {
  @PrimaryColumn({ name: 'program_code', type: 'text' })
  programCode: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'baseline_due', type: 'date' })
  baselineDue: string;

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

  /** The centre's version of this milestone (highest seq it applied) when last pulled. */
  @Column({ name: 'central_version', type: 'integer', default: 0 })
  centralVersion: number;

  /** The centre's answer to the latest delivered report, and why when REJECTED. */
  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome: string | null;

  @Column({ name: 'last_outcome_reason', type: 'text', nullable: true })
  lastOutcomeReason: string | null;
}
