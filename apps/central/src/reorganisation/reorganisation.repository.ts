import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsoDate, UnitKind, UnitOnDay } from '@tracker/domain';
import { centralSql, one, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { unitExistsOn } from '../units/units.repository';

export interface ExistingUnit extends UnitOnDay {
  id: string;
  region: string | null;
}

/** A unit a reorganisation begins, as recorded (a dry run's never existed). */
export interface BegunUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
}

/** Each ended unit with the new unit that carries it on. */
export interface Succession {
  predecessorId: string;
  successorId: string;
}

export interface ReorganisationRecord {
  id: string;
  effectiveOn: IsoDate;
  dryRun: boolean;
  note: string | null;
  endedUnitIds: string[];
  newUnits: BegunUnit[];
  milestonesCarried: number;
  escalationsResolved: number;
  programsTransferred: number;
  appliedBy: string;
  appliedAt: Date;
}

/** Serialises reorganisations across central instances (the unique map key backs it up). */
const REORGANISATION_LOCK_KEY = 4_020_250_701;

const successions = (pairs: readonly Succession[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS x("predecessorId" uuid, "successorId" uuid)`;

/** The SQL of a reorganisation; every write runs in the service's one transaction. */
@Injectable()
export class ReorganisationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async lock(tx: EntityManager): Promise<void> {
    await run(tx, sql`SELECT pg_advisory_xact_lock(${REORGANISATION_LOCK_KEY})`);
  }

  async applied(tx: EntityManager, mapKey: string): Promise<ReorganisationRecord | undefined> {
    return one(tx, records().where('dry_run', '=', false).where('map_key', '=', mapKey));
  }

  async unitsOn(tx: EntityManager, day: IsoDate): Promise<ExistingUnit[]> {
    return rows(
      tx,
      centralSql
        .selectFrom('unit as u')
        .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.region'])
        .$narrowType<{ kind: UnitKind }>()
        .where(unitExistsOn(day)),
    );
  }

  /** Ends the predecessors first: a new unit may take one's code from the next day. */
  async endUnits(tx: EntityManager, ids: readonly string[], lastDay: IsoDate): Promise<void> {
    await run(tx, sql`UPDATE unit SET valid_to = ${lastDay}::date WHERE id = ANY (${ids}::uuid[])`);
  }

  async insertUnits(
    tx: EntityManager,
    units: readonly (BegunUnit & { nameFolded: string; region: string | null })[],
    validFrom: IsoDate,
  ): Promise<void> {
    if (units.length === 0) return;
    await run(
      tx,
      centralSql.insertInto('unit').values(
        units.map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          name_folded: u.nameFolded,
          kind: u.kind,
          region: u.region,
          valid_from: validFrom,
        })),
      ),
    );
  }

  async linkUnits(tx: EntityManager, pairs: readonly Succession[]): Promise<void> {
    await run(
      tx,
      sql`UPDATE unit u SET successor_id = x."successorId" FROM ${successions(pairs)} WHERE u.id = x."predecessorId"`,
    );
  }

  /**
   * Gives each new unit one milestone per plan item in force that its predecessors
   * had, and points theirs at it; answers the new milestones' ids. Each report stays
   * on the milestone it was made for: nothing is copied.
   */
  async carryMilestones(tx: EntityManager, pairs: readonly Succession[]): Promise<string[]> {
    const carried = await rows(
      tx,
      sql<{ id: string }>`INSERT INTO milestone (program_id, plan_item_id, unit_id)
        SELECT DISTINCT m.program_id, m.plan_item_id, x."successorId"
        FROM milestone m JOIN ${successions(pairs)} ON m.unit_id = x."predecessorId"
        JOIN plan_item pi ON pi.id = m.plan_item_id
        WHERE pi.removed_in_version IS NULL
        RETURNING id`,
    );
    await run(
      tx,
      sql`UPDATE milestone p SET successor_id = s.id
        FROM ${successions(pairs)}, milestone s
        WHERE p.unit_id = x."predecessorId" AND s.unit_id = x."successorId" AND s.plan_item_id = p.plan_item_id`,
    );
    return carried.map((c) => c.id);
  }

  /** A program owned by an ended agency passes to its successor; answers how many did. */
  async transferPrograms(tx: EntityManager, pairs: readonly Succession[]): Promise<string[]> {
    const moved = await rows(
      tx,
      sql<{ id: string }>`UPDATE program p SET owner_unit_id = x."successorId"
        FROM ${successions(pairs)} WHERE p.owner_unit_id = x."predecessorId" RETURNING p.id`,
    );
    return moved.map((m) => m.id);
  }

  async record(
    tx: EntityManager,
    r: Omit<ReorganisationRecord, 'id'> & { mapKey: string; mergers: unknown },
  ): Promise<string> {
    const { id } = await one(
      tx,
      centralSql
        .insertInto('reorganisation')
        .values({
          effective_on: r.effectiveOn,
          dry_run: r.dryRun,
          map_key: r.mapKey,
          note: r.note,
          mergers: JSON.stringify(r.mergers),
          ended_unit_ids: r.endedUnitIds,
          new_units: JSON.stringify(r.newUnits),
          milestones_carried: r.milestonesCarried,
          escalations_resolved: r.escalationsResolved,
          programs_transferred: r.programsTransferred,
          applied_by: r.appliedBy,
          applied_at: r.appliedAt,
        })
        .returning('id'),
    ).then((row) => row!);
    return id;
  }

  /** Newest first. */
  async list(): Promise<ReorganisationRecord[]> {
    return rows(this.db, records().orderBy('applied_at', 'desc').orderBy('id'));
  }
}

const records = () =>
  centralSql
    .selectFrom('reorganisation')
    .select([
      'id',
      'effective_on as effectiveOn',
      'dry_run as dryRun',
      'note',
      'ended_unit_ids as endedUnitIds',
      'new_units as newUnits',
      'milestones_carried as milestonesCarried',
      'escalations_resolved as escalationsResolved',
      'programs_transferred as programsTransferred',
      'applied_by as appliedBy',
      'applied_at as appliedAt',
    ])
    .$narrowType<{ newUnits: BegunUnit[] }>();
