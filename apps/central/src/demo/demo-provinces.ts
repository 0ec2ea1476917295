import { MilestoneStatus } from '@tracker/domain';
import { DemoState } from './demo-programs';

const { DONE, IN_PROGRESS, BLOCKED, NOT_STARTED } = MilestoneStatus;

/** FNV-1a: a stable pseudo-random number per (program, province), the same on every run. */
export function roll(seed: string): number {
  let h = 0x811c9dc5;
  for (const ch of seed) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}

const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

/** Provinces the demo shows as ahead, whatever the roll: the big cities. */
export const AHEAD: ReadonlySet<string> = new Set(['01', '79', '48']);

/**
 * Each province's LAND report at the start of March 2020: about half on track,
 * some at risk or blocked on digitisation budgets, and a group that has not
 * started because the ministry's connection standard is still a draft.
 */
export function landStates(code: string): Record<string, DemoState> {
  const r = AHEAD.has(code) ? 0 : roll(`LAND:${code}`);
  const started: DemoState = {
    status: DONE,
    percentComplete: 100,
    completedOn: day('2020-02', 3 + (r % 12)),
    reportedAt: `${day('2020-02', 3 + (r % 12))}T16:00:00+07:00`,
  };
  const reported = `${day('2020-02', 18 + (r % 10))}T10:00:00+07:00`;
  if (r < 52) {
    return {
      'LAND-P-01': started,
      'LAND-P-02': {
        status: IN_PROGRESS,
        percentComplete: AHEAD.has(code) ? 55 : 10 + (r % 30),
        reportedAt: reported,
      },
    };
  }
  if (r < 67) {
    return {
      'LAND-P-01': started,
      'LAND-P-02': {
        status: IN_PROGRESS,
        percentComplete: 5 + (r % 10),
        forecastDue: '2020-08-31',
        note: 'Thiếu nhân lực đo đạc, chỉnh lý hồ sơ',
        reportedAt: reported,
      },
    };
  }
  if (r < 75) {
    return {
      'LAND-P-01': started,
      'LAND-P-02': {
        status: BLOCKED,
        percentComplete: 5,
        blocker: 'Chưa được bố trí kinh phí số hóa hồ sơ địa chính',
        reportedAt: reported,
      },
    };
  }
  if (r < 93) {
    return {
      'LAND-P-01': {
        status: IN_PROGRESS,
        percentComplete: 40 + (r % 40),
        forecastDue: '2020-04-15',
        note: 'Chờ chuẩn kết nối chính thức của Bộ TN&MT',
        reportedAt: reported,
      },
      'LAND-P-02': { status: NOT_STARTED, percentComplete: 0, reportedAt: reported },
    };
  }
  return {
    'LAND-P-01': {
      status: BLOCKED,
      percentComplete: 30,
      blocker: 'Chờ chuẩn kết nối của Bộ TN&MT để chọn giải pháp phần mềm',
      reportedAt: `${day('2020-01', 20 + (r % 5))}T09:00:00+07:00`,
    },
  };
}

/**
 * Civil status is "relatively fine": most provinces deployed the shared software to
 * their communes by the end of November 2019 and are digitising; a few stragglers,
 * three months late, are on the Government's desk.
 */
export function civilStatusStates(code: string): Record<string, DemoState> {
  const r = AHEAD.has(code) ? 0 : roll(`CIV:${code}`);
  const deployed: DemoState = {
    status: DONE,
    percentComplete: 100,
    completedOn: day('2019-11', 5 + (r % 20)),
    reportedAt: `${day('2019-11', 5 + (r % 20))}T16:00:00+07:00`,
  };
  const reported = `${day('2020-02', 10 + (r % 15))}T10:00:00+07:00`;
  if (r < 85) {
    return {
      'CIV-P-01': deployed,
      'CIV-P-02': { status: IN_PROGRESS, percentComplete: 20 + (r % 50), reportedAt: reported },
    };
  }
  if (r < 93) {
    return {
      'CIV-P-01': deployed,
      'CIV-P-02': {
        status: IN_PROGRESS,
        percentComplete: 15,
        forecastDue: '2021-03-31',
        reportedAt: reported,
      },
    };
  }
  if (r < 97) {
    return {
      'CIV-P-01': {
        status: IN_PROGRESS,
        percentComplete: 90,
        forecastDue: '2020-03-31',
        reportedAt: reported,
      },
    };
  }
  return {
    'CIV-P-01': deployed,
    'CIV-P-02': {
      status: BLOCKED,
      percentComplete: 10,
      blocker: 'Sổ hộ tịch gốc hư hỏng, cần phục chế trước khi số hóa',
      reportedAt: reported,
    },
  };
}

/**
 * Offices report on every item at their monthly check-in, not-started ones too;
 * an item with no state of its own is reported NOT_STARTED on the office's latest
 * report date (so only offices that fell silent show as stale).
 */
function withCheckIn(keys: string[], states: Record<string, DemoState>): Record<string, DemoState> {
  const latest = Object.values(states)
    .map((s) => s.reportedAt)
    .sort()
    .at(-1)!;
  const out = { ...states };
  for (const key of keys)
    out[key] ??= { status: NOT_STARTED, percentComplete: 0, reportedAt: latest };
  return out;
}

export const PROVINCE_STATES: Record<string, (code: string) => Record<string, DemoState>> = {
  LAND: (code) => withCheckIn(['LAND-P-02', 'LAND-P-03', 'LAND-P-04'], landStates(code)),
  CIVIL_STATUS: (code) => withCheckIn(['CIV-P-02'], civilStatusStates(code)),
};
