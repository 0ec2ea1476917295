import { IsoDate } from '@tracker/domain';

/** Việt Nam keeps UTC+7 all year: no daylight saving. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The calendar day an instant falls on in Việt Nam: a deadline is a Hà Nội day. */
export function vietnamDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
