import { planReorganisation, UnitKind, UnitOnDay } from '@tracker/domain';
import { CENTRAL_AGENCIES_2019 } from './central-agencies';
import { readMergerMap } from './merger-maps';
import { readProvinces2019 } from './provinces';

const PROVINCES_2019: UnitOnDay[] = readProvinces2019().map((p) => ({
  code: p.code,
  name: p.name,
  kind: UnitKind.PROVINCE,
}));
const AGENCIES_2019: UnitOnDay[] = CENTRAL_AGENCIES_2019.map((a) => ({
  ...a,
  kind: UnitKind.CENTRAL_AGENCY,
}));

describe('the shipped 2025 merger maps', () => {
  it('take the 63 provinces of 2019 to 34: each once, 10 continuing, 24 new in place of 53', () => {
    const plan = planReorganisation(readMergerMap('provinces-2025', '2025-07-01'), PROVINCES_2019);
    const merged = [...plan.continuing, ...plan.ended.map((e) => e.code)];
    expect(merged.sort()).toEqual(PROVINCES_2019.map((p) => p.code).sort());
    expect(plan.continuing.length + plan.newUnits.length).toBe(34);
    expect(plan.continuing).toHaveLength(10);
    expect(plan.newUnits).toHaveLength(24);
    expect(plan.ended).toHaveLength(53);
    // code 15 is Yên Bái until 30 June 2025 and Lào Cai from 1 July
    expect(plan.newUnits.find((n) => n.unit.code === '15')).toEqual({
      unit: { code: '15', name: 'Lào Cai', kind: UnitKind.PROVINCE },
      predecessorCodes: ['10', '15'],
    });
    // Thừa Thiên Huế continues alone, renamed Huế: a new unit, as domain.md says
    expect(plan.newUnits.find((n) => n.unit.code === '46')?.predecessorCodes).toEqual(['46']);
  });

  it('merge three ministries on 1 March 2025, each into a new one', () => {
    const plan = planReorganisation(readMergerMap('agencies-2025', '2025-03-01'), AGENCIES_2019);
    expect(plan.ended).toEqual([
      { code: 'BTNMT', successorCode: 'BNNMT' },
      { code: 'BKHDT', successorCode: 'BTC' },
      { code: 'BTTTT', successorCode: 'BKHCN' },
    ]);
    expect(plan.continuing).toEqual([]);
  });

  it('refuse a date other than the one a map carries', () => {
    expect(() => readMergerMap('agencies-2025', '2025-07-01')).toThrow(
      /takes effect on 2025-03-01, not 2025-07-01/,
    );
  });
});
