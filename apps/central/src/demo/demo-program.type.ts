import { DeliveryModel, MilestoneScope, MilestoneStatus } from '@tracker/domain';

/** A plan item of a demo program. */
export interface DemoItem {
  key: string;
  title: string;
  scope: MilestoneScope;
  baselineDue: string;
  weight?: number;
  dependsOn?: string[];
}

export interface DemoState {
  status: MilestoneStatus;
  percentComplete: number;
  forecastDue?: string;
  completedOn?: string;
  blocker?: string;
  note?: string;
  /** When the owner last reported (ISO instant). */
  reportedAt: string;
}

export interface DemoProgram {
  code: string;
  name: string;
  ownerCode: string;
  model: DeliveryModel;
  targetDate: string;
  items: DemoItem[];
  /** CENTRAL items' reported state, by key. */
  central: Record<string, DemoState>;
  /**
   * The first month (YYYY-MM) the provinces reported on the program's PROVINCE items
   * at their monthly check-in (demo-monthly-reports.ts); none before the demo day's
   * state when absent.
   */
  monthlyFrom?: string;
}
