import { DeliveryModel, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { DemoProgram } from '../demo-program.type';

const { CENTRAL } = MilestoneScope;
const { DONE, IN_PROGRESS } = MilestoneStatus;

export const ENTERPRISE: DemoProgram = {
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
};
