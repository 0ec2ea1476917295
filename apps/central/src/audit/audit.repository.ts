import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { keysetPage, mapPage } from '@tracker/api';
import { centralSql, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntryConnection } from './audit.type';

export interface AuditRecord {
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

/** Appends to the audit log, in the caller's transaction so the entry stands or falls with the write. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(
    manager: EntityManager,
    actor: { sub: string; role: string },
    record: AuditRecord,
  ): Promise<void> {
    await run(manager, AuditRepository.insert(actor, record));
  }

  /**
   * The entry's INSERT, as a query a write that audits itself can carry in its own
   * statement (a CTE): Kysely numbers its parameters wherever it lands.
   */
  static insert(actor: { sub: string; role: string }, record: AuditRecord) {
    return centralSql.insertInto('audit_log').values({
      actor: actor.sub,
      role: actor.role,
      action: record.action,
      subject: record.subject,
      detail: JSON.stringify(record.detail),
    });
  }

  /** Newest first. */
  async page(
    first: number,
    after: string | undefined,
    action: string | undefined,
  ): Promise<AuditEntryConnection> {
    let query = centralSql
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'role', 'action', 'subject', 'detail']);
    if (action) query = query.where('action', '=', action);
    const page = await keysetPage(
      this.db,
      query,
      { direction: 'desc', columns: [{ by: sql`id`, cast: 'bigint', of: (r) => r.id }] },
      first,
      after,
    );
    return mapPage(page, (r) => ({ ...r, id: String(r.id), detail: JSON.stringify(r.detail) }));
  }
}
