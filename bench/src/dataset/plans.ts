import { DeliveryModel, MilestoneScope } from '@tracker/domain';
import { gql } from '../graphql-client';
import { BENCH_TODAY, Scale } from './scales';

export interface BenchItem {
  key: string;
  title: string;
  scope: MilestoneScope;
  baselineDue: string;
  weight: number;
  dependsOn: string[];
}

export interface BenchProgram {
  code: string;
  name: string;
  ownerCode: string;
  model: DeliveryModel;
  targetDate: string;
  items: BenchItem[];
}

/** The five national programs (codes, owners and models as in the demo). */
const NATIONAL = [
  {
    code: 'POPULATION',
    name: 'Cơ sở dữ liệu quốc gia về dân cư',
    ownerCode: 'BCA',
    federated: false,
  },
  { code: 'LAND', name: 'Cơ sở dữ liệu quốc gia về đất đai', ownerCode: 'BTNMT', federated: true },
  {
    code: 'ENTERPRISE',
    name: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp',
    ownerCode: 'BKHDT',
    federated: false,
  },
  {
    code: 'CIVIL_STATUS',
    name: 'Cơ sở dữ liệu hộ tịch điện tử',
    ownerCode: 'BTP',
    federated: true,
  },
  {
    code: 'SOCIAL_INSURANCE',
    name: 'Cơ sở dữ liệu quốc gia về bảo hiểm',
    ownerCode: 'BHXH',
    federated: false,
  },
];

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Baselines a month apart, about 60% of them already past at BENCH_TODAY, so
 * the datasets hold late, at-risk, done and on-track work. Province items
 * depend on the first two central items, as land's deployment waits on the
 * standard; central items form a chain of every third.
 */
function items(code: string, central: number, province: number): BenchItem[] {
  const total = central + province;
  const due = (i: number) => addDays(BENCH_TODAY, Math.round((i - total * 0.6) * 30));
  const list: BenchItem[] = [];
  for (let i = 0; i < central; i += 1) {
    const key = `${code}-C-${String(i + 1).padStart(2, '0')}`;
    list.push({
      key,
      title: `${code} hạng mục trung ương ${i + 1}`,
      scope: MilestoneScope.CENTRAL,
      baselineDue: due(i),
      weight: 1 + (i % 3),
      dependsOn: i >= 3 && i % 3 === 0 ? [list[i - 3].key] : [],
    });
  }
  for (let i = 0; i < province; i += 1) {
    list.push({
      key: `${code}-P-${String(i + 1).padStart(2, '0')}`,
      title: `${code} triển khai tại địa phương ${i + 1}`,
      scope: MilestoneScope.PROVINCE,
      baselineDue: due(central + i),
      weight: 1 + (i % 2),
      dependsOn: list.slice(0, Math.min(2, central)).map((c) => c.key),
    });
  }
  return list;
}

/** Every program of a scale: the five, then numbered copies of them. */
export function benchPrograms(scale: Scale): BenchProgram[] {
  const programs: BenchProgram[] = [];
  for (let copy = 0; copy < scale.programCopies; copy += 1) {
    for (const p of NATIONAL) {
      const code = copy === 0 ? p.code : `${p.code}_${String(copy + 1).padStart(2, '0')}`;
      programs.push({
        code,
        name: copy === 0 ? p.name : `${p.name} (giai đoạn ${copy + 1})`,
        ownerCode: p.ownerCode,
        model: p.federated ? DeliveryModel.FEDERATED : DeliveryModel.CENTRALIZED,
        targetDate: addDays(BENCH_TODAY, 365),
        items: p.federated
          ? items(code, scale.federatedCentralItems, scale.provinceItems)
          : items(code, scale.centralItems, 0),
      });
    }
  }
  return programs;
}

/** Creates a program and publishes its first plan through the API, as the PMO would. */
export async function createWithPlan(
  url: string,
  pmoToken: string,
  p: BenchProgram,
): Promise<void> {
  await gql(
    url,
    pmoToken,
    `mutation($input: CreateProgramInput!) { createProgram(input: $input) { code } }`,
    {
      input: {
        code: p.code,
        name: p.name,
        ownerCode: p.ownerCode,
        model: p.model,
        targetDate: p.targetDate,
      },
    },
  );
  await gql(
    url,
    pmoToken,
    `mutation($input: PublishPlanInput!) { publishPlan(input: $input) { planVersion } }`,
    {
      input: { programCode: p.code, expectedVersion: 0, items: p.items },
    },
  );
}
