import { DeliveryModel, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { DemoProgram } from '../demo-program.type';

const { CENTRAL } = MilestoneScope;
const { DONE, IN_PROGRESS } = MilestoneStatus;

export const SOCIAL_INSURANCE: DemoProgram = {
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
};
