import { DomainError } from './errors';
import { diffPlan, PlanItemSpec, PublishedItem, validatePlan } from './plan';
import { MilestoneScope as Scope } from './vocabulary';

const item = (key: string, over: Partial<PlanItemSpec> = {}): PlanItemSpec => ({
  key,
  title: `Item ${key}`,
  scope: Scope.PROVINCE,
  baselineDue: '2020-06-30',
  weight: 1,
  dependsOn: [],
  ...over,
});

function refusal(fn: () => unknown): { field?: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe(validatePlan.name, () => {
  it('answers the plan normalised', () => {
    const [out] = validatePlan([
      item('LAND-P-01', { title: '  Khởi động  ', dependsOn: ['X', 'X'] }),
      item('X'),
    ]);
    expect(out.title).toBe('Khởi động');
    expect(out.dependsOn).toEqual(['X']);
  });

  it.each<[string, PlanItemSpec[], string, RegExp]>([
    ['duplicate key', [item('A'), item('A')], 'items[1].key', /duplicate key A/],
    ['lower-case key', [item('land-1')], 'items[0].key', /upper-case/],
    ['empty title', [item('A', { title: '  ' })], 'items[0].title', /title/],
    [
      'impossible date',
      [item('A', { baselineDue: '2019-02-30' })],
      'items[0].baselineDue',
      /calendar date/,
    ],
    ['zero weight', [item('A', { weight: 0 })], 'items[0].weight', /weight/],
    ['negative weight', [item('A', { weight: -1 })], 'items[0].weight', /weight/],
    [
      'unknown dependency',
      [item('A', { dependsOn: ['B'] })],
      'items[0].dependsOn',
      /not in the plan/,
    ],
    ['self dependency', [item('A', { dependsOn: ['A'] })], 'items[0].dependsOn', /itself/],
    [
      'central on province',
      [item('P'), item('C', { scope: Scope.CENTRAL, dependsOn: ['P'] })],
      'items[1].dependsOn',
      /every province/,
    ],
    [
      'cycle',
      [
        item('A', { dependsOn: ['B'] }),
        item('B', { dependsOn: ['C'] }),
        item('C', { dependsOn: ['A'] }),
      ],
      'items[0].dependsOn',
      /cycle: A → B → C → A/,
    ],
  ])('refuses %s', (_name, items, field, message) => {
    const r = refusal(() => validatePlan(items));
    expect(r.field).toBe(field);
    expect(r.message).toMatch(message);
  });
});

describe(diffPlan.name, () => {
  const published = (spec: PlanItemSpec, removed = false): PublishedItem => ({ ...spec, removed });

  it('sorts items into create, keep, change, reinstate and remove', () => {
    const current = [
      published(item('KEEP')),
      published(item('MOVE')),
      published(item('GONE')),
      published(item('BACK'), true),
      published(item('STILL-GONE'), true),
    ];
    const next = [
      item('KEEP'),
      item('MOVE', { baselineDue: '2020-09-30' }),
      item('BACK'),
      item('NEW'),
    ];
    const d = diffPlan(current, next);
    expect(d.keep.map((i) => i.key)).toEqual(['KEEP']);
    expect(d.change.map((i) => i.key)).toEqual(['MOVE']);
    expect(d.reinstate.map((i) => i.key)).toEqual(['BACK']);
    expect(d.create.map((i) => i.key)).toEqual(['NEW']);
    expect(d.remove).toEqual(['GONE']);
  });

  it('treats reordered dependencies as unchanged', () => {
    const d = diffPlan(
      [published(item('A', { dependsOn: ['X', 'Y'] }))],
      [item('A', { dependsOn: ['Y', 'X'] })],
    );
    expect(d.keep).toHaveLength(1);
  });

  it('refuses a key that changes scope', () => {
    const r = refusal(() =>
      diffPlan([published(item('A'))], [item('A', { scope: Scope.CENTRAL })]),
    );
    expect(r.field).toBe('items[0].scope');
  });
});
