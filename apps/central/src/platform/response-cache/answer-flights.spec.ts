import { AnswerFlights } from './answer-flights';

describe('AnswerFlights', () => {
  let generation = 0;
  const flights = () => new AnswerFlights(() => generation);
  const answer = Buffer.from('{"data":{}}');

  beforeEach(() => {
    generation = 0;
  });

  it('an identical request arriving while one is computed gets its answer', async () => {
    const f = flights();
    const leader = {};
    expect(f.follow('k')).toBeUndefined();
    f.lead(leader, 'k');
    const followed = f.follow('k');
    expect(f.follow('other')).toBeUndefined();
    expect(f.waiting).toBe(1);
    f.settle(leader, answer);
    expect((await followed)?.toString()).toBe(answer.toString());
    expect(f.waiting).toBe(0);
    expect(f.followed).toBe(1);
    // settled: the next identical request computes its own
    expect(f.follow('k')).toBeUndefined();
  });

  it('after a change, a request does not follow a computation begun before it', () => {
    const f = flights();
    f.lead({}, 'k');
    generation += 1;
    expect(f.follow('k')).toBeUndefined();
  });

  it('those who followed before a change are still given the answer', async () => {
    const f = flights();
    const leader = {};
    f.lead(leader, 'k');
    const followed = f.follow('k');
    generation += 1;
    f.settle(leader, answer);
    expect(await followed).toBe(answer);
  });

  it('an answer not to share releases the followers empty-handed, to compute their own', async () => {
    const f = flights();
    const leader = {};
    f.lead(leader, 'k');
    const followed = f.follow('k');
    f.settle(leader, undefined);
    expect(await followed).toBeUndefined();
    expect(f.followed).toBe(0);
    expect(f.waiting).toBe(0);
  });

  it("an earlier leader's settling leaves a newer computation of the key in place", async () => {
    const f = flights();
    const old = {};
    const current = {};
    f.lead(old, 'k');
    generation += 1;
    f.lead(current, 'k');
    f.settle(old, answer);
    f.settle(old, undefined); // a second settle does nothing
    const followed = f.follow('k');
    expect(followed).toBeDefined();
    const newer = Buffer.from('{"data":{"newer":true}}');
    f.settle(current, newer);
    expect(await followed).toBe(newer);
  });
});
