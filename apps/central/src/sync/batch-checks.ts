// Checks of a pushed batch as a whole, before anything is recorded: a batch that
// fails one is a broken or foreign node's, refused whole (domain.md "Sync").
import { checkBatchOrder, DomainError } from '@tracker/domain';
import { IndicatorValueInput } from './indicator-value.input';
import { MAX_BATCH, MilestoneUpdateInput } from './push-milestone-updates.input';
import { NodeUnit } from './sync-ledger.repository';

/**
 * Updates and values share the node's one seq space: each list in seq order, no
 * seq used twice, and at most MAX_BATCH of both together.
 */
export function checkOneSeqSpace(
  updates: MilestoneUpdateInput[],
  values: IndicatorValueInput[],
): void {
  if (updates.length + values.length > MAX_BATCH)
    throw DomainError.badInput(
      'indicatorValues',
      `at most ${MAX_BATCH} updates and values in one batch`,
    );
  checkBatchOrder(updates.map((u) => u.seq));
  checkBatchOrder(
    values.map((v) => v.seq),
    'indicatorValues',
  );
  const updateSeqs = new Set(updates.map((u) => u.seq));
  const shared = values.findIndex((v) => updateSeqs.has(v.seq));
  if (shared >= 0)
    throw DomainError.badInput(
      `indicatorValues[${shared}].seq`,
      `seq ${values[shared].seq} is also an update's: one seq space per node`,
    );
}

/** A node reports values for its own unit only; one foreign value refuses the whole request. */
export function checkValuesScope(node: NodeUnit, values: IndicatorValueInput[]): void {
  const foreign = values.findIndex((v) => v.unitCode !== node.code);
  if (foreign >= 0)
    throw DomainError.forbidden(
      `indicatorValues[${foreign}] is for unit ${values[foreign].unitCode.slice(0, 16)}; this token reports for ${node.code} only`,
    );
}
