import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, encodeCursor } from '@tracker/api';
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
    const { sql, params } = AuditRepository.insert(actor, record, 1);
    await manager.query(sql, params);
  }

  /**
   * The entry's INSERT, numbering its parameters from `first`: a write that
   * audits itself can carry it in its own statement (as a CTE).
   */
  static insert(
    actor: { sub: string; role: string },
    record: AuditRecord,
    first: number,
  ): { sql: string; params: string[] } {
    const [a, r, ac, s, d] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
    return {
      sql: `INSERT INTO audit_log (actor, role, action, subject, detail) VALUES (${a}, ${r}, ${ac}, ${s}, ${d}::jsonb)`,
      params: [actor.sub, actor.role, record.action, record.subject, JSON.stringify(record.detail)],
    };
  }

  /** Newest first. */
  async page(
    first: number,
    after: string | undefined,
    action: string | undefined,
  ): Promise<AuditEntryConnection> {
    const params: unknown[] = [action ?? null];
    let cursor = '';
    if (after) {
      params.push(decodeCursor(after, 1)[0]);
      cursor = `AND id < $${params.length}::bigint`;
    }
    params.push(first + 1);
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(
        `SELECT id, at, actor, role, action, subject, detail FROM audit_log
         WHERE ($1::text IS NULL OR action = $1) ${cursor} ORDER BY id DESC LIMIT $${params.length}`,
        params,
      ) as Promise<
        {
          id: number;
          at: Date;
          actor: string;
          role: string;
          action: string;
          subject: string;
          detail: unknown;
        }[]
      >,
      this.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE ($1::text IS NULL OR action = $1)`,
        [action ?? null],
      ) as Promise<[{ n: number }]>,
    ]);
    const edges = rows.slice(0, first).map((r) => ({
      cursor: encodeCursor([Number(r.id)]),
      node: { ...r, id: String(r.id), detail: JSON.stringify(r.detail) },
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: n,
    };
  }
}
