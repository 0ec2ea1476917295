import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, mapPage, pageSize } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { DomainError, EscalationState, leaderMayAct, normalizeText, Role } from '@tracker/domain';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { Clock } from '../platform/clock/clock';
import { AuditRepository } from '../audit/audit.repository';
import { TokenUnits } from '../units/token-units';
import { EscalationEngineRepository } from './escalation-engine.repository';
import { EscalationConnection, EscalationFilter, Escalation } from './escalation.type';
import { EscalationRow, toEscalation } from './escalation.row';
import { EscalationsRepository } from './escalations.repository';

/** A resolution note is read in a meeting: a paragraph, not a file. */
export const MAX_NOTE_LENGTH = 1000;

@Injectable()
export class EscalationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: EscalationsRepository,
    private readonly events: EscalationEngineRepository,
    private readonly clock: Clock,
    private readonly changes: ChangeNotifier,
    private readonly audit: AuditRepository,
    private readonly tokenUnits: TokenUnits,
  ) {}

  async connection(
    actor: Actor,
    filter: EscalationFilter,
    first: number | undefined,
    after: string | undefined,
  ): Promise<EscalationConnection> {
    return mapPage(await this.repository.page(filter, pageSize(first), after, actor), toEscalation);
  }

  async acknowledge(id: string, note: string | undefined, actor: Actor): Promise<Escalation> {
    const text = note == null ? null : this.checkNote(note, false);
    return this.act(
      id,
      actor,
      async (tx, row, at) => {
        if (row.state === EscalationState.RESOLVED)
          throw DomainError.badInput('id', 'this escalation is already resolved');
        if (row.state === EscalationState.ACKNOWLEDGED && text === null) return false;
        await this.repository.acknowledge(tx, id, actor.sub, at, text);
        return true;
      },
      'ACKNOWLEDGED',
      text,
    );
  }

  async resolve(id: string, note: string, actor: Actor): Promise<Escalation> {
    const text = this.checkNote(note, true)!;
    return this.act(
      id,
      actor,
      async (tx, row, at) => {
        if (row.state === EscalationState.RESOLVED)
          throw DomainError.badInput('id', 'this escalation is already resolved');
        await this.repository.resolve(tx, id, actor.sub, at, text);
        return true;
      },
      'RESOLVED',
      text,
    );
  }

  private checkNote(note: string, required: boolean): string | null {
    const text = normalizeText(note);
    if (required && !text)
      throw DomainError.badInput('note', 'a note is required: say what was done');
    if (text.length > MAX_NOTE_LENGTH)
      throw DomainError.badInput('note', `a note is at most ${MAX_NOTE_LENGTH} characters`);
    return text || null;
  }

  /**
   * Locks the escalation, checks the caller may act on it (domain.md "Who may
   * act"), applies the change and records it in the escalation's history; a
   * refusal changes nothing.
   */
  private async act(
    id: string,
    actor: Actor,
    change: (tx: EntityManager, row: EscalationRow, at: Date) => Promise<boolean>,
    kind: string,
    note: string | null,
  ): Promise<Escalation> {
    if (!isUuid(id)) throw DomainError.notFound(`no escalation ${id.slice(0, 64)}`);
    await this.tokenUnits.assertMayWrite(actor, this.clock.today());
    const at = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const current = await this.repository.lockOne(tx, id);
      if (!current) throw DomainError.notFound(`no escalation ${id}`);
      this.checkMayAct(actor, current);
      if (await change(tx, current, at)) {
        await this.audit.append(tx, actor, {
          action: `escalation.${kind.toLowerCase()}`,
          subject: id,
          detail: { reason: current.reason, level: current.level, unit: current.unitCode, note },
        });
        await this.events.recordEvents(
          tx,
          [{ id, kind, level: current.level, note }],
          actor.sub,
          at,
        );
      }
      return (await this.repository.lockOne(tx, id))!;
    });
    await this.changes.notify({ kind: 'escalations', programIds: null });
    return toEscalation(row);
  }

  private checkMayAct(actor: Actor, row: EscalationRow): void {
    if (actor.role === Role.PMO) return;
    if (
      actor.role === Role.LEADER &&
      actor.level &&
      leaderMayAct({ level: actor.level, unit: actor.unit }, row)
    )
      return;
    throw DomainError.forbidden(
      `a ${actor.level ?? actor.role} of ${actor.unit ?? 'no unit'} may not act on a ${row.level} escalation of ${row.unitCode} (${row.ownerCode})`,
    );
  }
}
