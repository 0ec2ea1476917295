import { CentralMilestone } from './central-queries';

export interface MirrorRow {
  programCode: string;
  key: string;
  title: string;
  baselineDue: string;
  status: string;
  percentComplete: number;
  forecastDue: string | null;
  completedOn: string | null;
  blocker: string | null;
  note: string | null;
  centralVersion: number;
}

/**
 * What the node keeps of one of the centre's milestones. The centre's reported
 * state wins unless the office has a report still waiting in the outbox (that one
 * is newer) or the node has already seen a newer centre version; plan facts (title,
 * date) and a cancellation by the plan always come from the centre.
 */
export function mirrorRow(
  central: CentralMilestone,
  local: MirrorRow | undefined,
  pending: boolean,
): MirrorRow {
  const fromCentre: MirrorRow = {
    programCode: central.program.code,
    key: central.key,
    title: central.title,
    baselineDue: central.baselineDue,
    status: central.status,
    percentComplete: central.percentComplete,
    forecastDue: central.forecastDue,
    completedOn: central.completedOn,
    blocker: central.blocker,
    note: central.note,
    centralVersion: central.version,
  };
  if (!local) return fromCentre;
  const keepLocal = pending || central.version < local.centralVersion;
  const state = keepLocal ? local : fromCentre;
  return {
    ...state,
    title: central.title,
    baselineDue: central.baselineDue,
    status: central.status === 'CANCELLED' ? 'CANCELLED' : state.status,
    centralVersion: Math.max(local.centralVersion, central.version),
  };
}
