import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { IndicatorEntity } from './indicator.entity';

/** A value an indicator must reach by a day; one per day, so the next target is never ambiguous. */
@Entity('indicator_target')
@Unique('indicator_target_due_key', ['indicatorId', 'due'])
@Check('indicator_target_value_check', `"value" >= 0`)
export class IndicatorTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'indicator_target_indicator_fk' })
  indicator?: IndicatorEntity;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'date' })
  due: string;
}
