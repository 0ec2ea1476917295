import { vietnamDate } from '@tracker/api';
import { IsoDate } from '@tracker/domain';

/**
 * The centre's clock as this node best knows it: the local clock plus the offset
 * measured at the last successful pull (kept in node_state, so it survives
 * restarts and days offline). Reports are stamped with it, so a centre running at
 * a fixed CLOCK_NOW and its nodes agree on what "today" is.
 */
export class NodeClock {
  private offsetMs = 0;

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  today(): IsoDate {
    return vietnamDate(this.now());
  }
}
