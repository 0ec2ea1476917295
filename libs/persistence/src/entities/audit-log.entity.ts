import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every write, appended: who, when, what. A trigger refuses UPDATE and DELETE
 * (see the AuditLog migration); rows are only ever added.
 */
@Entity('audit_log')
@Index('audit_log_action_idx', ['action', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: number;

  /** Wall-clock time of the write (not the demo's CLOCK_NOW): an audit trail records when things really happened. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The token's subject, or 'system'. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  role: string;

  /** e.g. plan.publish, program.create, updates.push, escalation.acknowledge. */
  @Column({ type: 'text' })
  action: string;

  /** What it acted on: a program code, an escalation id, a node's unit code. */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'jsonb' })
  detail: unknown;
}
