import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@tracker/auth';
import {
  checkDeadlineDay,
  diffPlan,
  DomainError,
  EscalationPolicy,
  normalizeText,
  resolvePolicy,
  UnitKind,
  validatePlan,
} from '@tracker/domain';
import { isUniqueViolation } from '@tracker/persistence';
import { DataSource } from 'typeorm';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { Clock } from '../platform/clock/clock';
import { AuditRepository } from '../audit/audit.repository';
import { EscalationEngine } from '../escalations/escalation-engine';
import { UnitsRepository } from '../units/units.repository';
import { CreateProgramInput, PublishPlanInput } from './program-inputs';
import { Program } from './program.type';
import { PlansRepository } from './plans.repository';
import { ProgramsRepository } from './programs.repository';

@Injectable()
export class ProgramsService {
  private readonly logger = new Logger(ProgramsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly programs: ProgramsRepository,
    private readonly plans: PlansRepository,
    private readonly units: UnitsRepository,
    private readonly clock: Clock,
    private readonly engine: EscalationEngine,
    private readonly changes: ChangeNotifier,
    private readonly audit: AuditRepository,
  ) {}

  async create(input: CreateProgramInput, actor: Actor): Promise<Program> {
    const today = this.clock.today();
    const [owner] = await this.units.findExisting(today, {
      kind: UnitKind.CENTRAL_AGENCY,
      code: input.ownerCode,
    });
    if (!owner) {
      throw DomainError.badInput(
        'ownerCode',
        `${input.ownerCode} is not a central agency that exists today`,
      );
    }
    const name = normalizeText(input.name);
    if (!name) throw DomainError.badInput('name', 'a program needs a name');
    const deadlineDay = input.reportingDeadlineDay ?? undefined;
    if (deadlineDay !== undefined) checkDeadlineDay('reportingDeadlineDay', deadlineDay);
    try {
      // One transaction: the audit entry stands or falls with the program.
      await this.db.transaction(async (tx) => {
        await this.programs.insert(tx, {
          code: input.code,
          name,
          ownerUnitId: owner.id,
          model: input.model,
          targetDate: input.targetDate ?? null,
          reportingDeadlineDay: deadlineDay,
        });
        await this.audit.append(tx, actor, {
          action: 'program.create',
          subject: input.code,
          detail: {
            name,
            ownerCode: input.ownerCode,
            model: input.model,
            targetDate: input.targetDate ?? null,
            reportingDeadlineDay: deadlineDay ?? null,
          },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw DomainError.badInput('code', `a program with code ${input.code} exists already`);
      }
      throw e;
    }
    const created = (await this.programs.findByCode(input.code))!;
    await this.changes.notify({ kind: 'plan', programIds: [created.id] });
    return created;
  }

  /** Moves the day of the next month by which the program's monthly reports are due (audited). */
  async setReportingDeadline(programCode: string, day: number, actor: Actor): Promise<Program> {
    checkDeadlineDay('day', day);
    const program = await this.db.transaction(async (tx) => {
      const current = await this.programs.findByCode(programCode, tx);
      if (!current) throw DomainError.notFound(`no program ${programCode}`);
      await this.programs.setReportingDeadline(tx, current.id, day);
      await this.audit.append(tx, actor, {
        action: 'program.reporting-deadline',
        subject: programCode,
        detail: { day, before: current.reportingDeadlineDay },
      });
      return (await this.programs.findByCode(programCode, tx))!;
    });
    // timeliness read before the change is stale now: cached answers retire
    await this.changes.notify({ kind: 'plan', programIds: [program.id] });
    return program;
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
      await this.programs.setEscalationPolicy(tx, current.id, clean);
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
      const current = await this.plans.lockForPublish(tx, input.programCode);
      if (!current) throw DomainError.notFound(`no program ${input.programCode}`);
      if (current.planVersion !== input.expectedVersion) {
        throw DomainError.badInput(
          'expectedVersion',
          `the plan is at version ${current.planVersion}, not ${input.expectedVersion}: reload it and publish again`,
        );
      }
      const changes = diffPlan(await this.plans.allItems(tx, current.id), items);
      const version = current.planVersion + 1;

      await this.plans.upsertItems(tx, current.id, version, items);
      if (changes.remove.length > 0)
        await this.plans.removeItems(tx, current.id, changes.remove, version);
      if (changes.reinstate.length > 0)
        await this.plans.reinstateItems(
          tx,
          current.id,
          changes.reinstate.map((it) => it.key),
        );
      await this.plans.createMilestones(tx, current, today, this.clock.now());
      await this.plans.recordVersion(tx, current.id, version, items, actor.sub, this.clock.now());
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
