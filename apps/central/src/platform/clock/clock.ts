import { vietnamDate } from '@tracker/api';
import { IsoDate } from '@tracker/domain';

/**
 * The one central clock every date-based rule reads. CLOCK_NOW fixes it so the
 * 2019-2020 demo reads as it did then and tests are exact.
 */
export class Clock {
  private constructor(private readonly fixed: Date | null) {}

  static fixedAt(iso: string): Clock {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) throw new Error(`not an instant: ${iso}`);
    return new Clock(at);
  }

  static real(): Clock {
    return new Clock(null);
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** The calendar date in Việt Nam (UTC+7, no daylight saving): a deadline is a Hà Nội day. */
  today(): IsoDate {
    return vietnamDate(this.now());
  }
}
