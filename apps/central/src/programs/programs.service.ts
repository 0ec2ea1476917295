import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@tracker/auth';
import {
  diffPlan,
  DomainError,
  EscalationPolicy,
  foldForSearch,
  normalizeText,
  resolvePolicy,
  UnitKind,
  validatePlan,
} from '@tracker/domain';
import { DataSource, QueryFailedError } from 'typeorm';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { Clock } from '../platform/clock/clock';
import { AuditRepository } from '../audit/audit.repository';
import { EscalationEngine } from '../escalations/escalation-engine';
import { unitExistsOn } from '../units/units.repository';
import { CreateProgramInput, PublishPlanInput } from './program-inputs';
import { Program } from './program.type';
import { ProgramsRepository } from './programs.repository';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class ProgramsService {
  private readonly logger = new Logger(ProgramsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly programs: ProgramsRepository,
    private readonly clock: Clock,
    private readonly engine: EscalationEngine,
    private readonly changes: ChangeNotifier,
    private readonly audit: AuditRepository,
  ) {}

  async create(input: CreateProgramInput, actor: Actor): Promise<Program> {
    const today = this.clock.today();
    const owners: { id: string; kind: string }[] = await this.db.query(
      `SELECT u.id, u.kind FROM unit u WHERE u.code = $1 AND ${unitExistsOn('$2')}`,
      [input.ownerCode, today],
    );
    if (owners.length === 0 || owners[0].kind !== UnitKind.CENTRAL_AGENCY) {
      throw DomainError.badInput(
        'ownerCode',
        `${input.ownerCode} is not a central agency that exists today`,
      );
    }
    const name = normalizeText(input.name);
    if (!name) throw DomainError.badInput('name', 'a program needs a name');
    try {
      // One transaction: the audit entry stands or falls with the program.
      await this.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO program (code, name, owner_unit_id, model, target_date) VALUES ($1, $2, $3, $4, $5)`,
          [input.code, name, owners[0].id, input.model, input.targetDate ?? null],
        );
        await this.audit.append(tx, actor, {
          action: 'program.create',
          subject: input.code,
          detail: {
            name,
            ownerCode: input.ownerCode,
            model: input.model,
            targetDate: input.targetDate ?? null,
          },
        });
      });
    } catch (e) {
      if (
        e instanceof QueryFailedError &&
        (e.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw DomainError.badInput('code', `a program with code ${input.code} exists already`);
      }
      throw e;
    }
    const created = (await this.programs.findByCode(input.code))!;
    await this.changes.notify({ kind: 'plan', programIds: [created.id] });
    return created;
  }

  /**
   * Stores a program's escalation thresholds (checked by the domain's rules: steps
   * rise in days and level) and re-evaluates its escalations under them.
   */
  async setEscalationPolicy(
    programCode: string,
    overrides: Partial<EscalationPolicy>,
    actor: Actor,
  ): Promise<Program> {
    const clean = Object.fromEntries(
      Object.entries(overrides).filter(([, v]) => v !== undefined && v !== null),
    );
    resolvePolicy(clean as Partial<EscalationPolicy>);
    const program = await this.db.transaction(async (tx) => {
      const current = await this.programs.findByCode(programCode, tx);
      if (!current) throw DomainError.notFound(`no program ${programCode}`);
      await tx.query(`UPDATE program SET escalation_policy = $2::jsonb WHERE id = $1`, [
        current.id,
        JSON.stringify(clean),
      ]);
      await this.audit.append(tx, actor, {
        action: 'program.escalation-policy',
        subject: programCode,
        detail: clean,
      });
      return current;
    });
    await this.changes.notify({ kind: 'plan', programIds: [program.id] });
    await this.engine.evaluate([program.id]);
    return program;
  }

  /**
   * Publishes the next plan version in one transaction: new keys get milestones,
   * unchanged keys keep theirs (and their reported state), changed keys move,
   * removed keys' milestones become CANCELLED. The program row is locked and the
   * version compared, so of two publishes against the same version one is refused.
   */
  async publish(input: PublishPlanInput, actor: Actor): Promise<Program> {
    const program = await this.publishPlan(input, actor);
    await this.changes.notify({ kind: 'plan', programIds: [program.id] });
    await this.engine.evaluate([program.id]).catch((e: unknown) => {
      this.logger.error(`escalation evaluation after a publish failed: ${String(e)}`);
    });
    return program;
  }

  /** The publish itself, without the follow-up evaluation (the demo loader evaluates once at the end). */
  async publishPlan(input: PublishPlanInput, actor: Actor): Promise<Program> {
    const items = validatePlan(input.items);
    const today = this.clock.today();
    const program = await this.db.transaction(async (tx) => {
      const locked: Program[] = await tx.query(
        `SELECT id, owner_unit_id AS "ownerUnitId", plan_version AS "planVersion" FROM program WHERE code = $1 FOR UPDATE`,
        [input.programCode],
      );
      const current = locked[0];
      if (!current) throw DomainError.notFound(`no program ${input.programCode}`);
      if (current.planVersion !== input.expectedVersion) {
        throw DomainError.badInput(
          'expectedVersion',
          `the plan is at version ${current.planVersion}, not ${input.expectedVersion}: reload it and publish again`,
        );
      }
      const changes = diffPlan(await this.programs.allItems(tx, current.id), items);
      const version = current.planVersion + 1;

      await tx.query(
        `INSERT INTO plan_item (program_id, key, title, title_folded, scope, baseline_due, weight, depends_on, position, added_in_version)
         SELECT $1, x.key, x.title, x.title_folded, x.scope, x.baseline_due, x.weight,
                ARRAY(SELECT jsonb_array_elements_text(x.depends_on)), x.position, $2
         FROM jsonb_to_recordset($3::jsonb)
           AS x(key text, title text, title_folded text, scope text, baseline_due date, weight float8, depends_on jsonb, position int)
         ON CONFLICT (program_id, key) DO UPDATE SET
           title = EXCLUDED.title, title_folded = EXCLUDED.title_folded, baseline_due = EXCLUDED.baseline_due,
           weight = EXCLUDED.weight, depends_on = EXCLUDED.depends_on, position = EXCLUDED.position,
           removed_in_version = NULL`,
        [
          current.id,
          version,
          JSON.stringify(
            items.map((it, position) => ({
              key: it.key,
              title: it.title,
              title_folded: foldForSearch(it.title),
              scope: it.scope,
              baseline_due: it.baselineDue,
              weight: it.weight,
              depends_on: it.dependsOn,
              position,
            })),
          ),
        ],
      );
      if (changes.remove.length > 0) {
        await tx.query(
          `UPDATE plan_item SET removed_in_version = $3 WHERE program_id = $1 AND key = ANY ($2::text[])`,
          [current.id, changes.remove, version],
        );
        await tx.query(
          `UPDATE milestone SET status_before_cancel = status, status = 'CANCELLED'
           WHERE status <> 'CANCELLED'
             AND plan_item_id IN (SELECT id FROM plan_item WHERE program_id = $1 AND key = ANY ($2::text[]))`,
          [current.id, changes.remove],
        );
      }
      if (changes.reinstate.length > 0) {
        await tx.query(
          `UPDATE milestone SET status = COALESCE(status_before_cancel, 'NOT_STARTED'), status_before_cancel = NULL
           WHERE status = 'CANCELLED'
             AND plan_item_id IN (SELECT id FROM plan_item WHERE program_id = $1 AND key = ANY ($2::text[]))`,
          [current.id, changes.reinstate.map((it) => it.key)],
        );
      }
      // One milestone per live item and unit: the owner for CENTRAL items, every
      // province that exists today for PROVINCE items. Existing ones are untouched.
      await tx.query(
        `INSERT INTO milestone (program_id, plan_item_id, unit_id, created_at)
         SELECT pi.program_id, pi.id, u.id, $4
         FROM plan_item pi JOIN unit u
           ON (pi.scope = 'CENTRAL' AND u.id = $2)
           OR (pi.scope = 'PROVINCE' AND u.kind = 'PROVINCE' AND ${unitExistsOn('$3')})
         WHERE pi.program_id = $1 AND pi.removed_in_version IS NULL
         ON CONFLICT (plan_item_id, unit_id) DO NOTHING`,
        [current.id, current.ownerUnitId, today, this.clock.now()],
      );
      await tx.query(`UPDATE program SET plan_version = $2 WHERE id = $1`, [current.id, version]);
      await tx.query(
        `INSERT INTO plan_version (program_id, version, items, published_by, published_at) VALUES ($1, $2, $3::jsonb, $4, $5)`,
        [current.id, version, JSON.stringify(items), actor.sub, this.clock.now()],
      );
      this.logger.log(
        `plan ${input.programCode} v${version} by ${actor.sub}: ${changes.create.length} new, ${changes.change.length} changed, ` +
          `${changes.keep.length} kept, ${changes.reinstate.length} reinstated, ${changes.remove.length} removed`,
      );
      await this.audit.append(tx, actor, {
        action: 'plan.publish',
        subject: input.programCode,
        detail: {
          version,
          created: changes.create.map((i) => i.key),
          changed: changes.change.map((i) => i.key),
          reinstated: changes.reinstate.map((i) => i.key),
          removed: changes.remove,
          kept: changes.keep.length,
        },
      });
      return this.programs.findByCode(input.programCode, tx);
    });
    return program!;
  }
}
