import { AuditLogEntity } from './entities/audit-log.entity';
import { EscalationEventEntity } from './entities/escalation-event.entity';
import { EscalationEntity } from './entities/escalation.entity';
import { IndicatorEntity } from './entities/indicator.entity';
import { IndicatorTargetEntity } from './entities/indicator-target.entity';
import { IndicatorValueEntity } from './entities/indicator-value.entity';
import { MilestoneEntity } from './entities/milestone.entity';
import { MilestoneUpdateEntity } from './entities/milestone-update.entity';
import { NodeSyncEntity } from './entities/node-sync.entity';
import { ReorganisationEntity } from './entities/reorganisation.entity';
import { RateWindowEntity } from './entities/rate-window.entity';
import { RevokedTokenEntity } from './entities/revoked-token.entity';
import { PlanItemEntity } from './entities/plan-item.entity';
import { PlanVersionEntity } from './entities/plan-version.entity';
import { ProgramEntity } from './entities/program.entity';
import { UnitEntity } from './entities/unit.entity';

/** Every table the central schema maps, for the DataSource and the drift check. */
export const CENTRAL_ENTITIES = [
  UnitEntity,
  ProgramEntity,
  PlanItemEntity,
  PlanVersionEntity,
  MilestoneEntity,
  MilestoneUpdateEntity,
  NodeSyncEntity,
  EscalationEntity,
  EscalationEventEntity,
  AuditLogEntity,
  RevokedTokenEntity,
  RateWindowEntity,
  ReorganisationEntity,
  IndicatorEntity,
  IndicatorTargetEntity,
  IndicatorValueEntity,
];
