import { registerEnumType } from '@nestjs/graphql';
import {
  DeliveryModel,
  EscalationLevel,
  EscalationReason,
  EscalationState,
  Health,
  IndicatorKind,
  IndicatorReporters,
  MilestoneScope,
  MilestoneStatus,
  UnitKind,
  UpdateOutcome,
} from '@tracker/domain';

// The domain's enums are the schema's enums: one vocabulary from table to client.
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'What an administrative or governing unit is.',
  valuesMap: {
    CENTRAL_AGENCY: { description: "A ministry or central agency (the '1' of '1+63')." },
    PROVINCE: { description: "A province or centrally-run city (the '63')." },
  },
});
registerEnumType(DeliveryModel, {
  name: 'DeliveryModel',
  description: 'How a national database program is delivered.',
  valuesMap: {
    CENTRALIZED: {
      description: 'Built and run by the owning agency; provinces only contribute data.',
    },
    FEDERATED: {
      description: "'1+63': one central component plus one component in every province.",
    },
  },
});
registerEnumType(MilestoneScope, {
  name: 'MilestoneScope',
  description: 'Which units a plan item is instantiated for.',
  valuesMap: {
    CENTRAL: { description: "One milestone, owned by the program's owning agency." },
    PROVINCE: { description: 'One milestone in every active province.' },
  },
});
registerEnumType(MilestoneStatus, {
  name: 'MilestoneStatus',
  description: 'What the responsible unit reports.',
});
registerEnumType(Health, {
  name: 'Health',
  description: 'What the tracker derives from status, dates and dependencies (see domain.md).',
});
registerEnumType(EscalationLevel, {
  name: 'EscalationLevel',
  description: 'Who must look at an escalation, lowest first.',
  valuesMap: {
    DEPARTMENT: { description: 'The department that owns the milestone.' },
    UNIT_LEADERSHIP: {
      description:
        "The province's People's Committee leadership, or the owning agency's leadership for a CENTRAL milestone.",
    },
    MINISTRY: { description: "The owning ministry's program office." },
    MINISTER: { description: 'The minister in person.' },
    GOVERNMENT: { description: "The government: the Prime Minister's office." },
  },
});
registerEnumType(EscalationReason, { name: 'EscalationReason' });
registerEnumType(EscalationState, { name: 'EscalationState' });
registerEnumType(UpdateOutcome, {
  name: 'UpdateOutcome',
  description: 'What became of one pushed update.',
  valuesMap: {
    APPLIED: { description: 'Applied: the milestone now reflects it.' },
    DUPLICATE: {
      description:
        'Seen before under the same idempotency key: nothing changed, same answer as the first time.',
    },
    STALE: {
      description:
        'Older (by seq) than what the milestone already reflects: kept in history, state unchanged.',
    },
    REJECTED: { description: 'Refused: reason says why. Nothing changed.' },
  },
});
registerEnumType(IndicatorKind, {
  name: 'IndicatorKind',
  valuesMap: {
    RATIO: {
      description:
        'numerator / denominator; roll-ups are sums of numerators over sums of denominators.',
    },
    COUNT: { description: 'A cumulative count at the end of each month; roll-ups add.' },
  },
});
registerEnumType(IndicatorReporters, {
  name: 'IndicatorReporters',
  description: "Who reports an indicator's values.",
  valuesMap: {
    PROVINCES: {
      description:
        'Every province reports its value monthly (the national figure rolls theirs up).',
    },
    OWNER: { description: 'The owner agency pushes the national value itself.' },
  },
});
