import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The published plan version of each program this node has instantiated. */
@Entity('plan_seen')
export class PlanSeenEntity {
  @PrimaryColumn({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'integer' })
  version: number;
}
