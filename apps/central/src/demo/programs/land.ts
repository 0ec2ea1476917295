import { DeliveryModel, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { DemoProgram } from '../demo-program.type';

const { CENTRAL, PROVINCE } = MilestoneScope;
const { DONE, IN_PROGRESS } = MilestoneStatus;

export const LAND: DemoProgram = {
  code: 'LAND',
  name: 'Cơ sở dữ liệu đất đai quốc gia',
  ownerCode: 'BTNMT',
  model: DeliveryModel.FEDERATED,
  targetDate: '2020-12-31',
  // re-planned as "1+63" in November 2019: the provinces report on its items from then
  monthlyFrom: '2019-11',
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
};
