import { MergerMap } from '@tracker/domain';
import { ReorganisationRecord } from '../reorganisation/reorganisation.repository';
import { unitLabel as label } from '../units/token-units';
import { Unit } from '../units/unit.type';

/** What `npm run reorganise` prints: the operation in the words of the programme office. */
export function describeReorganisation(
  record: ReorganisationRecord,
  map: MergerMap,
  ended: readonly Unit[],
): string {
  const endedByCode = new Map(ended.map((u) => [u.code, u]));
  const begun = record.newUnits.map((n) => {
    const merger = map.mergers.find((m) => m.successor.code === n.code);
    const from = (merger?.predecessorCodes ?? []).map(
      (c) => endedByCode.get(c) ?? { code: c, name: '?' },
    );
    return `  ${label(n)} from ${from.map(label).join(', ')}`;
  });
  return [
    record.dryRun
      ? `dry run, nothing changed: effective ${record.effectiveOn}`
      : `applied (reorganisation ${record.id}): effective ${record.effectiveOn}`,
    `units ending on the day before: ${ended.length}`,
    `units beginning: ${record.newUnits.length}`,
    ...begun,
    `units continuing unchanged: ${map.mergers.length - record.newUnits.length}`,
    `milestones carried: ${record.milestonesCarried}`,
    `escalations resolved: ${record.escalationsResolved}`,
    `programs transferred: ${record.programsTransferred}`,
    '',
  ].join('\n');
}
