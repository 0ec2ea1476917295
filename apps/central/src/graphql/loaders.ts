import { Injectable } from '@nestjs/common';
import { EscalationLevel, IsoDate, UnitKind } from '@tracker/domain';
import DataLoader from 'dataloader';
import { Clock } from '../platform/clock/clock';
import { EscalationRow } from '../escalations/escalation.row';
import { EscalationEvent } from '../escalations/escalation.type';
import { EscalationsRepository } from '../escalations/escalations.repository';
import { toMilestone } from '../milestones/milestone.mapper';
import { Milestone } from '../milestones/milestone.type';
import { MilestonesRepository } from '../milestones/milestones.repository';
import { PlanItem, Program } from '../programs/program.type';
import { ProgramsRepository } from '../programs/programs.repository';
import { RollupCell, RollupSumsRepository } from '../rollup/rollup-sums.repository';
import { NodeSyncRow, SyncStatusRepository } from '../sync/sync-status.repository';
import { Unit } from '../units/unit.type';
import { UnitsRepository } from '../units/units.repository';

/**
 * Per-request batching: a field that would query once per parent asks a loader,
 * and each loader answers a whole list of parents with one statement.
 * Created anew for every request, so nothing is cached across requests or users.
 */
export interface Loaders {
  today: IsoDate;
  unit: DataLoader<string, Unit | null>;
  program: DataLoader<string, Program | null>;
  plan: DataLoader<string, PlanItem[]>;
  /** A program's roll-up sums, one cell per unit with milestones. */
  cells: DataLoader<string, RollupCell[]>;
  milestone: DataLoader<string, Milestone | null>;
  /** A board row's milestones, keyed by rowMilestonesKey(programId, unitId). */
  rowMilestones: DataLoader<string, Milestone[]>;
  /** Every escalation of a milestone, worst first. */
  escalations: DataLoader<string, EscalationRow[]>;
  /** The history of an escalation, oldest first. */
  escalationEvents: DataLoader<string, EscalationEvent[]>;
  /** Live (open or acknowledged) escalations by program and level. */
  liveEscalations: () => Promise<{ programId: string; level: EscalationLevel; n: number }[]>;
  /** Provinces that exist today, in code order. */
  activeProvinces: () => Promise<Unit[]>;
  /** What the centre has recorded from each reporting node, by unit id. */
  nodeSync: () => Promise<Map<string, NodeSyncRow>>;
}

/** loadMany, failing on the first error instead of returning it among the values. */
export async function loadAll<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  return values.map((v) => {
    if (v instanceof Error) throw v;
    return v;
  });
}

const ANY_PROGRAM = '*';

/** The rowMilestones key of a province row: its program (null: every program) and unit. */
export function rowMilestonesKey(programId: string | null, unitId: string): string {
  return `${programId ?? ANY_PROGRAM}|${unitId}`;
}

function byKey<T, K>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<T, K>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly clock: Clock,
    private readonly units: UnitsRepository,
    private readonly programs: ProgramsRepository,
    private readonly sums: RollupSumsRepository,
    private readonly milestones: MilestonesRepository,
    private readonly sync: SyncStatusRepository,
    private readonly escalations: EscalationsRepository,
  ) {}

  create(): Loaders {
    const today = this.clock.today();
    let provinces: Promise<Unit[]> | undefined;
    let nodes: Promise<Map<string, NodeSyncRow>> | undefined;
    let live: Promise<{ programId: string; level: EscalationLevel; n: number }[]> | undefined;
    return {
      today,
      unit: new DataLoader(async (ids) => byKey(ids, await this.units.findByIds(ids), (u) => u.id)),
      program: new DataLoader(async (ids) =>
        byKey(ids, await this.programs.findByIds(ids), (p) => p.id),
      ),
      plan: new DataLoader(async (ids) =>
        groupBy(ids, await this.programs.currentPlans(ids), (i) => i.programId),
      ),
      cells: new DataLoader(async (ids) =>
        groupBy(ids, await this.sums.cells(ids, today), (c) => c.programId),
      ),
      milestone: new DataLoader(async (ids) =>
        byKey(
          ids,
          (await this.milestones.findByIds(ids, today)).map((row) => toMilestone(row, today)),
          (m) => m.id,
        ),
      ),
      rowMilestones: new DataLoader(async (keys) => {
        const pairs = keys.map((k) => k.split('|') as [string, string]);
        const programIds = [...new Set(pairs.map(([p]) => p).filter((p) => p !== ANY_PROGRAM))];
        const rows = await this.milestones.forUnits(
          [...new Set(pairs.map(([, u]) => u))],
          programIds,
          pairs.some(([p]) => p === ANY_PROGRAM),
          today,
        );
        const grouped = new Map<string, Milestone[]>(keys.map((k) => [k, []]));
        for (const row of rows) {
          const milestone = toMilestone(row, today);
          grouped.get(rowMilestonesKey(row.programId, row.unitId))?.push(milestone);
          grouped.get(rowMilestonesKey(null, row.unitId))?.push(milestone);
        }
        return keys.map((k) => grouped.get(k)!);
      }),
      escalations: new DataLoader(async (ids) =>
        groupBy(ids, await this.escalations.forMilestones(ids), (e) => e.milestoneId),
      ),
      escalationEvents: new DataLoader(async (ids) =>
        groupBy(ids, await this.escalations.events(ids), (e) => e.escalationId),
      ),
      liveEscalations: () => (live ??= this.escalations.liveCounts()),
      activeProvinces: () =>
        (provinces ??= this.units.findExisting(today, { kind: UnitKind.PROVINCE })),
      nodeSync: () =>
        (nodes ??= this.sync.nodes().then((rows) => new Map(rows.map((r) => [r.unitId, r])))),
    };
  }
}
