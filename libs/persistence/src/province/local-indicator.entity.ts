import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An indicator this province reports, as last pulled from the centre with the plans
 * (today every province reports every indicator). The centre defines them; the node
 * only mirrors what an officer needs to report a value and to have it checked.
 */
@Entity('local_indicator')
@Check('local_indicator_kind_check', `"kind" IN ('RATIO', 'COUNT')`)
export class LocalIndicatorEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  measure: string;
}
