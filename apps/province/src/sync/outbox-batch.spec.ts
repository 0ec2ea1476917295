import { nextBatch } from './outbox-batch';

const rows = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe(nextBatch.name, () => {
  it('takes the lowest seqs of both lists together, so nothing below the highest is left out', () => {
    const { updates, values } = nextBatch(rows(1, 4, 5, 8), rows(2, 3, 6, 7), 5);
    expect(updates.map((u) => u.seq)).toEqual([1, 4, 5]);
    expect(values.map((v) => v.seq)).toEqual([2, 3]);
  });

  it('takes everything when both fit', () => {
    const { updates, values } = nextBatch(rows(2), rows(1, 3), 500);
    expect([updates.length, values.length]).toEqual([1, 2]);
  });

  it('takes one list alone when the other is empty', () => {
    expect(nextBatch(rows(), rows(7, 9, 11), 2)).toEqual({ updates: [], values: rows(7, 9) });
    expect(nextBatch(rows(), rows(), 2)).toEqual({ updates: [], values: [] });
  });
});
