import { DeliveryModel, MilestoneScope, MilestoneStatus } from '@tracker/domain';

/**
 * The 2019-2020 situation the Minister described to the National Assembly on
 * 8 November 2019: enterprise, civil status and social insurance "relatively
 * fine"; population (75 million records scanned) and land late; land re-planned
 * as "1+63" with the design and connection standard due at the end of 2019 so all
 * 63 provinces could start deployment together in early 2020.
 */
export interface DemoItem {
  key: string;
  title: string;
  scope: MilestoneScope;
  baselineDue: string;
  weight?: number;
  dependsOn?: string[];
}

export interface DemoState {
  status: MilestoneStatus;
  percentComplete: number;
  forecastDue?: string;
  completedOn?: string;
  blocker?: string;
  note?: string;
  /** When the owner last reported (ISO instant). */
  reportedAt: string;
}

export interface DemoProgram {
  code: string;
  name: string;
  ownerCode: string;
  model: DeliveryModel;
  targetDate: string;
  items: DemoItem[];
  /** CENTRAL items' reported state, by key. */
  central: Record<string, DemoState>;
}

const { CENTRAL, PROVINCE } = MilestoneScope;
const { DONE, IN_PROGRESS, NOT_STARTED } = MilestoneStatus;

export const DEMO_PROGRAMS: DemoProgram[] = [
  {
    code: 'POPULATION',
    name: 'Cơ sở dữ liệu quốc gia về dân cư',
    ownerCode: 'BCA',
    model: DeliveryModel.CENTRALIZED,
    targetDate: '2020-12-31',
    items: [
      {
        key: 'POP-C-01',
        title: 'Phê duyệt dự án, bố trí vốn đầu tư công trung hạn',
        scope: CENTRAL,
        baselineDue: '2019-10-31',
      },
      {
        key: 'POP-C-02',
        title: 'Số hóa 75 triệu hồ sơ dân cư',
        scope: CENTRAL,
        baselineDue: '2019-12-31',
        weight: 3,
        dependsOn: ['POP-C-01'],
      },
      {
        key: 'POP-C-03',
        title: 'Hạ tầng trung tâm dữ liệu quốc gia về dân cư',
        scope: CENTRAL,
        baselineDue: '2020-03-31',
        weight: 2,
        dependsOn: ['POP-C-01'],
      },
      {
        key: 'POP-C-04',
        title: 'Thu thập, cập nhật dữ liệu toàn bộ công dân',
        scope: CENTRAL,
        baselineDue: '2020-09-30',
        weight: 3,
        dependsOn: ['POP-C-02'],
      },
      {
        key: 'POP-C-05',
        title: 'Vận hành chính thức, kết nối Cổng dịch vụ công quốc gia',
        scope: CENTRAL,
        baselineDue: '2020-12-31',
        weight: 2,
        dependsOn: ['POP-C-03', 'POP-C-04'],
      },
    ],
    central: {
      'POP-C-01': {
        status: DONE,
        percentComplete: 100,
        completedOn: '2019-10-25',
        reportedAt: '2019-10-25T09:00:00+07:00',
      },
      'POP-C-02': {
        status: IN_PROGRESS,
        percentComplete: 88,
        forecastDue: '2020-04-30',
        note: 'Đã quét, đưa lên hệ thống 75 triệu hồ sơ',
        reportedAt: '2020-02-25T16:00:00+07:00',
      },
      'POP-C-03': {
        status: IN_PROGRESS,
        percentComplete: 60,
        forecastDue: '2020-03-31',
        reportedAt: '2020-02-20T10:00:00+07:00',
      },
      'POP-C-04': {
        status: IN_PROGRESS,
        percentComplete: 20,
        reportedAt: '2020-02-20T10:00:00+07:00',
      },
      'POP-C-05': {
        status: NOT_STARTED,
        percentComplete: 0,
        reportedAt: '2019-11-15T08:30:00+07:00',
      },
    },
  },
  {
    code: 'LAND',
    name: 'Cơ sở dữ liệu đất đai quốc gia',
    ownerCode: 'BTNMT',
    model: DeliveryModel.FEDERATED,
    targetDate: '2020-12-31',
    items: [
      {
        key: 'LAND-C-01',
        title: 'Thiết kế sơ bộ hệ thống CSDL đất đai quốc gia',
        scope: CENTRAL,
        baselineDue: '2019-12-31',
      },
      {
        key: 'LAND-C-02',
        title: 'Chuẩn kết nối, chia sẻ dữ liệu đất đai',
        scope: CENTRAL,
        baselineDue: '2019-12-31',
      },
      {
        key: 'LAND-C-03',
        title: 'Nền tảng lõi CSDL đất đai quốc gia',
        scope: CENTRAL,
        baselineDue: '2020-03-31',
        weight: 2,
        dependsOn: ['LAND-C-01'],
      },
      {
        key: 'LAND-P-01',
        title: 'Khởi động triển khai tại tỉnh',
        scope: PROVINCE,
        baselineDue: '2020-02-15',
        dependsOn: ['LAND-C-01', 'LAND-C-02'],
      },
      {
        key: 'LAND-P-02',
        title: 'Số hóa hồ sơ địa chính',
        scope: PROVINCE,
        baselineDue: '2020-06-30',
        weight: 3,
        dependsOn: ['LAND-P-01'],
      },
      {
        key: 'LAND-P-03',
        title: 'CSDL đất đai cấp tỉnh đi vào vận hành',
        scope: PROVINCE,
        baselineDue: '2020-10-31',
        weight: 2,
        dependsOn: ['LAND-P-02', 'LAND-C-03'],
      },
      {
        key: 'LAND-P-04',
        title: 'Kết nối với CSDL đất đai quốc gia',
        scope: PROVINCE,
        baselineDue: '2020-12-31',
        dependsOn: ['LAND-P-03'],
      },
    ],
    central: {
      'LAND-C-01': {
        status: DONE,
        percentComplete: 100,
        completedOn: '2019-12-27',
        reportedAt: '2019-12-27T17:00:00+07:00',
      },
      'LAND-C-02': {
        status: IN_PROGRESS,
        percentComplete: 80,
        forecastDue: '2020-03-31',
        note: 'Dự thảo đang lấy ý kiến các địa phương',
        reportedAt: '2020-02-27T15:00:00+07:00',
      },
      'LAND-C-03': {
        status: IN_PROGRESS,
        percentComplete: 45,
        forecastDue: '2020-04-30',
        reportedAt: '2020-02-27T15:00:00+07:00',
      },
    },
  },
  {
    code: 'ENTERPRISE',
    name: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp',
    ownerCode: 'BKHDT',
    model: DeliveryModel.CENTRALIZED,
    targetDate: '2020-06-30',
    items: [
      {
        key: 'ENT-C-01',
        title: 'Nâng cấp Hệ thống thông tin quốc gia về đăng ký doanh nghiệp',
        scope: CENTRAL,
        baselineDue: '2019-09-30',
      },
      {
        key: 'ENT-C-02',
        title: 'Kết nối trục liên thông quốc gia (NGSP)',
        scope: CENTRAL,
        baselineDue: '2019-12-31',
      },
      {
        key: 'ENT-C-03',
        title: 'Chia sẻ dữ liệu doanh nghiệp với cơ quan thuế, bảo hiểm xã hội',
        scope: CENTRAL,
        baselineDue: '2020-03-31',
        dependsOn: ['ENT-C-02'],
      },
      {
        key: 'ENT-C-04',
        title: 'Đăng ký doanh nghiệp trực tuyến mức độ 4',
        scope: CENTRAL,
        baselineDue: '2020-06-30',
        weight: 2,
        dependsOn: ['ENT-C-01'],
      },
    ],
    central: {
      'ENT-C-01': {
        status: DONE,
        percentComplete: 100,
        completedOn: '2019-09-20',
        reportedAt: '2019-09-20T10:00:00+07:00',
      },
      'ENT-C-02': {
        status: DONE,
        percentComplete: 100,
        completedOn: '2019-12-20',
        reportedAt: '2019-12-20T10:00:00+07:00',
      },
      'ENT-C-03': {
        status: IN_PROGRESS,
        percentComplete: 85,
        forecastDue: '2020-03-25',
        reportedAt: '2020-02-24T09:00:00+07:00',
      },
      'ENT-C-04': {
        status: IN_PROGRESS,
        percentComplete: 60,
        reportedAt: '2020-02-24T09:00:00+07:00',
      },
    },
  },
  {
    code: 'CIVIL_STATUS',
    name: 'Cơ sở dữ liệu hộ tịch điện tử toàn quốc',
    ownerCode: 'BTP',
    model: DeliveryModel.FEDERATED,
    targetDate: '2020-12-31',
    items: [
      {
        key: 'CIV-C-01',
        title: 'Phần mềm đăng ký, quản lý hộ tịch dùng chung',
        scope: CENTRAL,
        baselineDue: '2019-06-30',
      },
      {
        key: 'CIV-C-02',
        title: 'Hệ thống CSDL hộ tịch điện tử tập trung',
        scope: CENTRAL,
        baselineDue: '2019-12-31',
        dependsOn: ['CIV-C-01'],
      },
      {
        key: 'CIV-P-01',
        title: 'Triển khai phần mềm hộ tịch đến cấp xã',
        scope: PROVINCE,
        baselineDue: '2019-11-30',
        dependsOn: ['CIV-C-01'],
      },
      {
        key: 'CIV-P-02',
        title: 'Số hóa sổ hộ tịch lưu trữ',
        scope: PROVINCE,
        baselineDue: '2020-12-31',
        weight: 3,
        dependsOn: ['CIV-P-01', 'CIV-C-02'],
      },
    ],
    central: {
      'CIV-C-01': {
        status: DONE,
        percentComplete: 100,
        completedOn: '2019-06-28',
        reportedAt: '2019-06-28T10:00:00+07:00',
      },
      'CIV-C-02': {
        status: DONE,
        percentComplete: 100,
        completedOn: '2019-12-30',
        reportedAt: '2019-12-30T10:00:00+07:00',
      },
    },
  },
  {
    code: 'SOCIAL_INSURANCE',
    name: 'Cơ sở dữ liệu quốc gia về bảo hiểm',
    ownerCode: 'BHXH',
    model: DeliveryModel.CENTRALIZED,
    targetDate: '2020-12-31',
    items: [
      {
        key: 'BHXH-C-01',
        title: 'Chuẩn hóa dữ liệu người tham gia BHXH, BHYT',
        scope: CENTRAL,
        baselineDue: '2019-12-31',
        weight: 2,
      },
      {
        key: 'BHXH-C-02',
        title: 'Kết nối, đối soát với CSDL quốc gia về dân cư',
        scope: CENTRAL,
        baselineDue: '2020-06-30',
        dependsOn: ['BHXH-C-01'],
      },
      {
        key: 'BHXH-C-03',
        title: 'Giao dịch điện tử BHXH mức độ 4',
        scope: CENTRAL,
        baselineDue: '2020-12-31',
        weight: 2,
        dependsOn: ['BHXH-C-01'],
      },
    ],
    central: {
      'BHXH-C-01': {
        status: DONE,
        percentComplete: 100,
        completedOn: '2019-12-15',
        reportedAt: '2019-12-15T10:00:00+07:00',
      },
      'BHXH-C-02': {
        status: IN_PROGRESS,
        percentComplete: 30,
        forecastDue: '2020-09-30',
        note: 'Chờ CSDL dân cư hoàn thành số hóa',
        reportedAt: '2020-02-18T14:00:00+07:00',
      },
      'BHXH-C-03': {
        status: IN_PROGRESS,
        percentComplete: 50,
        reportedAt: '2020-02-18T14:00:00+07:00',
      },
    },
  },
];
