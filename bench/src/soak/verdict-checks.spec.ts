import { CentreFacts, NodeFacts, percentile, provinceProblems } from './verdict-checks';

const milestone = {
  programCode: 'LAND',
  key: 'LAND-P-01',
  status: 'IN_PROGRESS',
  percentComplete: 40,
  blocker: null,
};
const row = (seq: number, outcome = 'APPLIED') => ({ seq, idempotencyKey: `k${seq}`, outcome });

function node(overrides: Partial<NodeFacts> = {}): NodeFacts {
  return {
    code: '01',
    outboxLeft: 0,
    nextSeq: 3,
    delivered: [row(1), row(2)],
    milestones: [milestone],
    ...overrides,
  };
}
function centre(overrides: Partial<CentreFacts> = {}): CentreFacts {
  return { history: [row(1), row(2)], milestones: [milestone], notes: ['a', 'b'], ...overrides };
}

describe('provinceProblems', () => {
  it('passes a province whose every report arrived once and whose milestones agree', () => {
    expect(provinceProblems(node(), centre(), ['a', 'b'])).toEqual([]);
  });

  it('names a report left in the outbox and a seq taken but never delivered', () => {
    expect(provinceProblems(node({ outboxLeft: 1, nextSeq: 4 }), centre(), [])).toEqual([
      'province 01: 1 report(s) still in the outbox',
      'province 01: the node took seqs 1..3 but recorded 2 deliveries',
    ]);
  });

  it('names a report the centre recorded twice, under the same seq or the same key', () => {
    expect(provinceProblems(node(), centre({ history: [row(1), row(2), row(2)] }), [])).toEqual([
      'province 01: the centre recorded seq 2 more than once',
      'province 01: the centre recorded an idempotency key more than once',
    ]);
  });

  it('names a delivered report the centre lost and one it holds that the node never sent', () => {
    expect(provinceProblems(node(), centre({ history: [row(1), row(5)] }), [])).toEqual([
      'province 01: the centre has no record of seq 2',
      'province 01: the centre holds seq 5 the node never delivered',
    ]);
  });

  it('names outcomes that differ between the two sides', () => {
    expect(provinceProblems(node(), centre({ history: [row(1), row(2, 'STALE')] }), [])).toEqual([
      'province 01: seq 2: node has k2 APPLIED, centre k2 STALE',
    ]);
  });

  it('names an accepted report missing at the centre and one recorded twice', () => {
    expect(provinceProblems(node(), centre({ notes: ['a', 'a'] }), ['a', 'b'])).toEqual([
      'province 01: 1 accepted report(s) never reached the centre, e.g. "b"',
      'province 01: 1 accepted report(s) recorded twice, e.g. "a"',
    ]);
  });

  it('names a milestone whose state differs between node and centre', () => {
    const behind = { ...milestone, percentComplete: 35 };
    expect(provinceProblems(node(), centre({ milestones: [behind] }), [])).toEqual([
      'province 01: LAND/LAND-P-01: node IN_PROGRESS 40%, centre IN_PROGRESS 35%',
    ]);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBe(0);
  });
});
