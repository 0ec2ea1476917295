import { expectRollupsMaintained } from './support/rollups';
import { demoCentral, errorCode, roles } from './support/central';
import { ledger, milestoneState } from './support/push-ledger';
import { landUpdate, pusher } from './support/updates';

/** Who may push what, and the batches refused whole before any update is decided. */
describe('pushMilestoneUpdates: refusals', () => {
  // Fresh demo data for every test: most check that nothing at all was recorded.
  const sut = demoCentral('per-test');
  // whatever the outcome, the maintained roll-ups stay what the rules compute
  afterEach(() => expectRollupsMaintained('2020-03-01'));
  const push = pusher(sut);

  describe('scope', () => {
    it('province 01 pushing a milestone of 79: FORBIDDEN, nothing recorded (not even its own updates)', async () => {
      const r = await push([landUpdate('01', 1), landUpdate('79', 2)]);
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect(r.errors![0].message).toMatch(/updates\[1\] is for unit 79/);
      expect(await ledger()).toEqual({ updates: 0, nodes: [] });
    });

    it('an AGENCY pushing a province milestone: FORBIDDEN', async () => {
      const r = await push([landUpdate('01', 1)], sut.token(roles.agency('BTNMT')));
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect(await ledger()).toEqual({ updates: 0, nodes: [] });
    });

    it('an AGENCY pushing a program it does not own: FORBIDDEN', async () => {
      const r = await push(
        [landUpdate('BCA', 1, { programCode: 'LAND', key: 'LAND-C-02' })],
        sut.token(roles.agency('BCA')),
      );
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect((await ledger()).updates).toBe(0);
    });

    it('an AGENCY pushing its own CENTRAL milestone: APPLIED', async () => {
      const r = await push(
        [
          landUpdate('BTNMT', 1, {
            key: 'LAND-C-02',
            status: 'DONE',
            percentComplete: 100,
            completedOn: '2020-02-27',
          }),
        ],
        sut.token(roles.agency('BTNMT')),
      );
      expect(r.data!.pushMilestoneUpdates.results[0].outcome).toBe('APPLIED');
      expect(await milestoneState('LAND', 'LAND-C-02', 'BTNMT')).toMatchObject({
        status: 'DONE',
        completed_on: '2020-02-27',
      });
    });

    it('a node token for a unit that does not exist: FORBIDDEN', async () => {
      const r = await push([landUpdate('ZZ', 1)], sut.token(roles.provinceNode('ZZ')));
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect((await ledger()).updates).toBe(0);
    });

    it('an update naming an unknown unit: FORBIDDEN', async () => {
      const r = await push([landUpdate('99', 1)]);
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect((await ledger()).updates).toBe(0);
    });
  });

  describe('bad batches are refused whole', () => {
    it('over 500 updates: BAD_USER_INPUT, nothing recorded', async () => {
      const updates = Array.from({ length: 501 }, (_, i) => landUpdate('01', i + 1));
      const r = await push(updates);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('updates');
      expect(await ledger()).toEqual({ updates: 0, nodes: [] });
    });

    it('exactly 500 updates are accepted', async () => {
      const updates = Array.from({ length: 500 }, (_, i) =>
        landUpdate('01', i + 1, { percentComplete: i % 100 }),
      );
      const r = await push(updates);
      expect(r.errors).toBeUndefined();
      expect(r.data!.pushMilestoneUpdates.highestAckedSeq).toBe(500);
      expect((await ledger()).updates).toBe(500);
      expect(await milestoneState('LAND', 'LAND-P-02', '01')).toMatchObject({
        version: 500,
        percent_complete: 99,
      });
    });

    it('seqs out of order: BAD_USER_INPUT with the field', async () => {
      const r = await push([landUpdate('01', 2), landUpdate('01', 1)]);
      expect(r.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'updates[1].seq' });
      expect((await ledger()).updates).toBe(0);
    });

    it('an impossible date: BAD_USER_INPUT with the field', async () => {
      const r = await push([landUpdate('01', 1, { forecastDue: '2020-02-30' })]);
      expect(r.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'updates[0].forecastDue',
      });
      expect((await ledger()).updates).toBe(0);
    });
  });
});
