import { Column, Entity } from 'typeorm';
import { DeliveredAnswerColumns } from './delivered-answer.columns';

/** What the centre answered for each delivered report, kept so staff can see what it refused and why. */
@Entity('delivery')
export class DeliveryEntity extends DeliveredAnswerColumns {
  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  key: string;
}
