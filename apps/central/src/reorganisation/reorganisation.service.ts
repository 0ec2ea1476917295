import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@tracker/auth';
import {
  addDays,
  canonicalMergerMap,
  DomainError,
  foldForSearch,
  IsoDate,
  isIsoDate,
  MergerMap,
  planReorganisation,
  ReorganisationPlan,
} from '@tracker/domain';
import { isUniqueViolation } from '@tracker/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { EscalationEngine } from '../escalations/escalation-engine';
import { EscalationEngineRepository } from '../escalations/escalation-engine.repository';
import { CarriedStateRepository } from '../milestones/carried-state.repository';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { Clock } from '../platform/clock/clock';
import {
  BegunUnit,
  ExistingUnit,
  ReorganisationRecord,
  ReorganisationRepository,
  Succession,
} from './reorganisation.repository';

/** Thrown inside a dry run's transaction to roll back what it did, carrying the answer out. */
class DryRunDone {
  constructor(readonly record: ReorganisationRecord) {}
}

/**
 * Applies a merger map (domain.md "Reorganisation") in one transaction, all or
 * nothing: ends the predecessors, begins the new units, carries their milestones,
 * passes programs on, resolves the ended units' escalations, and records and audits
 * it as one operation. A dry run does exactly the same and rolls it back, so its
 * answer is what applying would do. An advisory lock serialises reorganisations
 * across instances; the map's key, unique among applied ones, refuses it twice.
 */
@Injectable()
export class ReorganisationService {
  private readonly logger = new Logger(ReorganisationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: ReorganisationRepository,
    private readonly carried: CarriedStateRepository,
    private readonly escalations: EscalationEngineRepository,
    private readonly engine: EscalationEngine,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly changes: ChangeNotifier,
  ) {}

  async reorganise(
    map: MergerMap,
    options: { dryRun: boolean; note?: string | null },
    actor: Actor,
  ): Promise<ReorganisationRecord> {
    const mapKey = createHash('sha256').update(canonicalMergerMap(map)).digest('hex');
    const note = options.note?.trim() || null;
    let record: ReorganisationRecord;
    try {
      record = await this.db.transaction(async (tx) => {
        const applied = await this.apply(tx, map, mapKey, note, options.dryRun, actor);
        if (options.dryRun) throw new DryRunDone(applied);
        return applied;
      });
    } catch (e) {
      if (e instanceof DryRunDone) return this.recordDryRun(e.record, map, mapKey);
      // the map's key met another instance's, committed first: the same map twice
      if (isUniqueViolation(e, 'reorganisation_map_once')) throw alreadyApplied(map);
      throw e;
    }
    this.logger.log(
      `reorganisation on ${map.effectiveOn}: ${record.endedUnitIds.length} units ended, ${record.newUnits.length} begun, ${record.milestonesCarried} milestones carried`,
    );
    await this.changes.notify({ kind: 'units', programIds: null });
    // the successors' milestones are evaluated at once, not at the next hour
    await this.engine.evaluate(null);
    return record;
  }

  async list(): Promise<ReorganisationRecord[]> {
    return this.repository.list();
  }

  private async apply(
    tx: EntityManager,
    map: MergerMap,
    mapKey: string,
    note: string | null,
    dryRun: boolean,
    actor: Actor,
  ): Promise<ReorganisationRecord> {
    await this.repository.lock(tx);
    if (await this.repository.applied(tx, mapKey)) throw alreadyApplied(map);
    const today = this.clock.today();
    const now = this.clock.now();
    const dayBefore = await this.repository.unitsOn(tx, dayBeforeOf(map));
    const plan = planReorganisation(map, dayBefore);
    const { begun, pairs, ended } = succession(plan, dayBefore);

    await this.repository.endUnits(tx, ended, plan.lastDayBefore);
    await this.repository.insertUnits(tx, begun, plan.effectiveOn);
    await this.repository.linkUnits(tx, pairs);
    const carried = await this.repository.carryMilestones(tx, pairs);
    await this.carried.refresh(tx, carried);
    const programs = await this.repository.transferPrograms(tx, pairs);
    const escalationsResolved =
      plan.effectiveOn <= today ? await this.escalations.resolveMerged(tx, today, now) : 0;

    const record: Omit<ReorganisationRecord, 'id'> = {
      effectiveOn: plan.effectiveOn,
      dryRun,
      note,
      endedUnitIds: ended,
      newUnits: begun.map(({ id, code, name, kind }) => ({ id, code, name, kind })),
      milestonesCarried: carried.length,
      escalationsResolved,
      programsTransferred: programs.length,
      appliedBy: actor.sub,
      // wall-clock, as the audit log: when it was really done, whatever the demo's clock says
      appliedAt: new Date(),
    };
    if (dryRun) return { id: '', ...record };
    const id = await this.repository.record(tx, { ...record, mapKey, mergers: map.mergers });
    await this.audit.append(tx, actor, {
      action: 'units.reorganise',
      subject: plan.effectiveOn,
      detail: {
        reorganisation: id,
        note,
        ended: plan.ended,
        begun: plan.newUnits.map((n) => n.unit.code),
        continuing: plan.continuing,
        milestonesCarried: record.milestonesCarried,
        escalationsResolved,
        programsTransferred: record.programsTransferred,
      },
    });
    return { id, ...record };
  }

  /** A dry run is listed with the applied ones; it changed nothing else. */
  private async recordDryRun(
    done: ReorganisationRecord,
    map: MergerMap,
    mapKey: string,
  ): Promise<ReorganisationRecord> {
    const id = await this.db.transaction((tx) =>
      this.repository.record(tx, { ...done, mapKey, mergers: map.mergers }),
    );
    return { ...done, id };
  }
}

function dayBeforeOf(map: MergerMap): IsoDate {
  if (!isIsoDate(map.effectiveOn))
    throw DomainError.badInput('effectiveOn', 'effectiveOn is a date, YYYY-MM-DD');
  return addDays(map.effectiveOn, -1);
}

/** The plan in rows: each new unit (a fresh id), and each ended unit paired with it. */
function succession(plan: ReorganisationPlan, dayBefore: readonly ExistingUnit[]) {
  const byCode = new Map(dayBefore.map((u) => [u.code, u]));
  const begun: (BegunUnit & { nameFolded: string; region: string | null })[] = [];
  const pairs: Succession[] = [];
  for (const { unit, predecessorCodes } of plan.newUnits) {
    const predecessors = predecessorCodes.map((code) => byCode.get(code)!);
    const regions = new Set(predecessors.map((p) => p.region));
    const id = randomUUID();
    begun.push({
      id,
      ...unit,
      nameFolded: foldForSearch(unit.name),
      // a merger across regions belongs to none of them until someone says which
      region: regions.size === 1 ? predecessors[0].region : null,
    });
    for (const p of predecessors) pairs.push({ predecessorId: p.id, successorId: id });
  }
  return { begun, pairs, ended: pairs.map((p) => p.predecessorId) };
}

function alreadyApplied(map: MergerMap): DomainError {
  return DomainError.badInput(
    'mergers',
    `this map was already applied on ${map.effectiveOn}: see reorganisations; applying it again would change nothing`,
  );
}
