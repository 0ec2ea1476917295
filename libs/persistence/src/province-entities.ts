import { DeliveryEntity } from './province/delivery.entity';
import { IndicatorDeliveryEntity } from './province/indicator-delivery.entity';
import { IndicatorOutboxEntity } from './province/indicator-outbox.entity';
import { LocalIndicatorValueEntity } from './province/local-indicator-value.entity';
import { LocalIndicatorEntity } from './province/local-indicator.entity';
import { LocalMilestoneEntity } from './province/local-milestone.entity';
import { NodeStateEntity } from './province/node-state.entity';
import { OutboxEntity } from './province/outbox.entity';
import { PlanSeenEntity } from './province/plan-seen.entity';

/** Every table of a province node's own database. */
export const PROVINCE_ENTITIES = [
  LocalMilestoneEntity,
  OutboxEntity,
  DeliveryEntity,
  NodeStateEntity,
  PlanSeenEntity,
  LocalIndicatorEntity,
  LocalIndicatorValueEntity,
  IndicatorOutboxEntity,
  IndicatorDeliveryEntity,
];
