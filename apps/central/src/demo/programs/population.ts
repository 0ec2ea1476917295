import { DeliveryModel, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { DemoProgram } from '../demo-program.type';

const { CENTRAL } = MilestoneScope;
const { DONE, IN_PROGRESS, NOT_STARTED } = MilestoneStatus;

export const POPULATION: DemoProgram = {
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
};
