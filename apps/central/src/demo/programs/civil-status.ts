import { DeliveryModel, MilestoneScope, MilestoneStatus } from '@tracker/domain';
import { DemoProgram } from '../demo-program.type';

const { CENTRAL, PROVINCE } = MilestoneScope;
const { DONE } = MilestoneStatus;

export const CIVIL_STATUS: DemoProgram = {
  code: 'CIVIL_STATUS',
  name: 'Cơ sở dữ liệu hộ tịch điện tử toàn quốc',
  ownerCode: 'BTP',
  model: DeliveryModel.FEDERATED,
  targetDate: '2020-12-31',
  // the shared software was out in mid-2019 (CIV-C-01): the provinces report their roll-out from July
  monthlyFrom: '2019-07',
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
};
