import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { IsoDate } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { ChangeBus } from '../changes/change-bus';
import { ChangeNotifier } from '../changes/change-notifier';
import { Clock } from '../clock/clock';

/**
 * The day the database's maintained roll-ups hold (rollup_state.day: health per
 * milestone and sums per program and unit, kept by triggers as reports land; see
 * the MaintainedRollups migration). Reads of today take them only when this is
 * today; otherwise they compute, as before, so a stale day is slow, never wrong.
 * Each instance moves the day forward when its clock passes midnight (checked every
 * `checkMs`); the database function is idempotent, so the second instance to try
 * finds it done. A move is announced on the change bus so the others re-read the day
 * at once (and on reconnection, when they may have missed one).
 */
@Injectable()
export class MaintainedDay implements OnApplicationShutdown {
  private readonly logger = new Logger(MaintainedDay.name);
  private held: IsoDate | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly bus: ChangeBus,
    private readonly changes: ChangeNotifier,
    private readonly checkMs: number,
  ) {}

  /** The day the roll-ups hold as this instance last read it (null: none). */
  get day(): IsoDate | null {
    return this.held;
  }

  async start(): Promise<void> {
    await this.catchUp();
    this.bus.onChange((event) => {
      if (event === null || event.kind === 'rollups') this.inBackground(() => this.reload());
    });
    this.timer = setInterval(() => {
      if (this.held !== this.clock.today()) this.inBackground(() => this.catchUp());
    }, this.checkMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Moves the roll-ups to today if they hold an earlier day (or none), and re-reads the day. */
  private async catchUp(): Promise<void> {
    const [{ moved }] = await this.db.query<{ moved: boolean }[]>(
      'SELECT rollup_refresh($1::date) AS moved',
      [this.clock.today()],
    );
    // what no kept past day needs any more (KeptPastDays): a day's turn, an import of history
    await this.db.query('SELECT history_compact()');
    await this.reload();
    if (moved) await this.changes.notify({ kind: 'rollups', programIds: null });
  }

  private async reload(): Promise<void> {
    const [state] = await this.db.query<{ day: IsoDate | null }[]>('SELECT day FROM rollup_state');
    this.held = state?.day ?? null;
  }

  private inBackground(work: () => Promise<unknown>): void {
    work().catch((e: unknown) => this.logger.warn(`maintained roll-ups: ${String(e)}`));
  }
}
