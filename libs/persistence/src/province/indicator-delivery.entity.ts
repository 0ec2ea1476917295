import { Column, Entity } from 'typeorm';
import { DeliveredAnswerColumns } from './delivered-answer.columns';

/** What the centre answered for each delivered indicator value, as `delivery` keeps it for reports. */
@Entity('indicator_delivery')
export class IndicatorDeliveryEntity extends DeliveredAnswerColumns {
  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode: string;

  @Column({ type: 'text' })
  period: string;
}
