import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeBus } from './change-bus';
import { ChangeEvent, CHANGES_CHANNEL } from './change-event';

/**
 * Tells every central instance that something changed: through PostgreSQL NOTIFY
 * on a server (not an in-memory bus), in process on the embedded database.
 */
@Injectable()
export class ChangeNotifier {
  private readonly logger = new Logger(ChangeNotifier.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: ChangeBus,
  ) {}

  async notify(event: ChangeEvent): Promise<void> {
    // this instance's own readers see the change at once, not after the NOTIFY's round trip
    this.bus.touch(event);
    if (!this.bus.distributed) {
      this.bus.deliver(event);
      return;
    }
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(event)]);
    } catch (e) {
      // A lost notification delays a live view; it must not fail the write that caused it.
      this.logger.warn(`change notification failed: ${String(e)}`);
    }
  }
}
