import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The PostgreSQL channel every central instance listens on. */
export const CHANGES_CHANNEL = 'tracker_changes';

export interface ChangeEvent {
  kind: 'milestones' | 'escalations' | 'plan';
  programIds: string[] | null;
}

/**
 * Tells every central instance that something changed, through PostgreSQL
 * NOTIFY (not an in-memory bus): a client subscribed on another instance hears
 * of a report that this one applied.
 */
@Injectable()
export class ChangeNotifier {
  private readonly logger = new Logger(ChangeNotifier.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async notify(event: ChangeEvent): Promise<void> {
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(event)]);
    } catch (e) {
      // A lost notification delays a live view; it must not fail the write that caused it.
      this.logger.warn(`change notification failed: ${String(e)}`);
    }
  }
}
