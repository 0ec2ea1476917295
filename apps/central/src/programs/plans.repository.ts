import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  foldForSearch,
  IsoDate,
  MilestoneScope,
  PlanItemSpec,
  PublishedItem,
} from '@tracker/domain';
import { anyOf, centralSql, one, rows, run } from '@tracker/persistence';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { unitExistsOn } from '../units/units.repository';
import { PlanItem } from './program.type';

export interface StoredPlanItem extends PublishedItem {
  id: string;
}

/** Plan items as the API's PlanItem. */
const planItems = () =>
  centralSql
    .selectFrom('plan_item')
    .select([
      'key',
      'title',
      'scope',
      'baseline_due as baselineDue',
      'weight',
      'depends_on as dependsOn',
    ])
    .$narrowType<{ scope: MilestoneScope }>();

/** Plan items of one program whose key is among `keys`. */
const itemsOf = (programId: string, keys: string[]) =>
  centralSql
    .selectFrom('plan_item')
    .select('id')
    .where('program_id', '=', programId)
    .where('key', '=', anyOf(keys, 'text'));

/** Published plans: their items, and what a publish writes (items, cancels, milestones, version). */
@Injectable()
export class PlansRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The current plan of each program: items not removed, in published order. */
  async currentPlans(programIds: readonly string[]): Promise<(PlanItem & { programId: string })[]> {
    return rows(
      this.db,
      planItems()
        .select('program_id as programId')
        .where('program_id', '=', anyOf(programIds, 'uuid'))
        .where('removed_in_version', 'is', null)
        .orderBy('program_id')
        .orderBy('position'),
    );
  }

  /** Every key the program ever published, removed ones included, for a publish to diff against. */
  async allItems(manager: EntityManager, programId: string): Promise<StoredPlanItem[]> {
    const found = await rows(
      manager,
      planItems()
        .select(['id', 'removed_in_version as removedInVersion'])
        .where('program_id', '=', programId),
    );
    return found.map(({ removedInVersion, ...item }) => ({
      ...item,
      removed: removedInVersion !== null,
    }));
  }

  /** The program's row, locked until the publish commits: two publishes take turns. */
  async lockForPublish(tx: EntityManager, code: string) {
    return one(
      tx,
      centralSql
        .selectFrom('program')
        .select(['id', 'owner_unit_id as ownerUnitId', 'plan_version as planVersion'])
        .where('code', '=', code)
        .forUpdate(),
    );
  }

  /**
   * Writes version `version`'s items: new keys inserted, existing ones (removed
   * ones too) updated in place and live again.
   */
  async upsertItems(
    tx: EntityManager,
    programId: string,
    version: number,
    items: PlanItemSpec[],
  ): Promise<void> {
    const json = JSON.stringify(
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
    );
    await run(
      tx,
      centralSql
        .insertInto('plan_item')
        .columns([
          'program_id',
          'key',
          'title',
          'title_folded',
          'scope',
          'baseline_due',
          'weight',
          'depends_on',
          'position',
          'added_in_version',
        ])
        .expression(
          sql`SELECT ${programId}::uuid, x.key, x.title, x.title_folded, x.scope, x.baseline_due, x.weight,
                ARRAY(SELECT jsonb_array_elements_text(x.depends_on)), x.position, ${version}::int
              FROM jsonb_to_recordset(${json}::jsonb) AS x(key text, title text, title_folded text, scope text,
                baseline_due date, weight float8, depends_on jsonb, position int)`,
        )
        .onConflict((oc) =>
          oc.columns(['program_id', 'key']).doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            title_folded: eb.ref('excluded.title_folded'),
            baseline_due: eb.ref('excluded.baseline_due'),
            weight: eb.ref('excluded.weight'),
            depends_on: eb.ref('excluded.depends_on'),
            position: eb.ref('excluded.position'),
            removed_in_version: null,
          })),
        ),
    );
  }

  /** Marks the keys removed in `version` and cancels their milestones (remembering each status). */
  async removeItems(
    tx: EntityManager,
    programId: string,
    keys: string[],
    version: number,
  ): Promise<void> {
    await run(
      tx,
      centralSql
        .updateTable('plan_item')
        .set({ removed_in_version: version })
        .where('program_id', '=', programId)
        .where('key', '=', anyOf(keys, 'text')),
    );
    await run(
      tx,
      centralSql
        .updateTable('milestone')
        .set((eb) => ({ status_before_cancel: eb.ref('status'), status: 'CANCELLED' }))
        .where('status', '<>', 'CANCELLED')
        .where('plan_item_id', 'in', itemsOf(programId, keys)),
    );
  }

  /** Reinstated keys' milestones return to the status they were cancelled in. */
  async reinstateItems(tx: EntityManager, programId: string, keys: string[]): Promise<void> {
    await run(
      tx,
      centralSql
        .updateTable('milestone')
        .set((eb) => ({
          status: eb.fn.coalesce('status_before_cancel', sql.lit('NOT_STARTED')),
          status_before_cancel: null,
        }))
        .where('status', '=', 'CANCELLED')
        .where('plan_item_id', 'in', itemsOf(programId, keys)),
    );
  }

  /**
   * One milestone per live item and unit: the owner for CENTRAL items, every
   * province that exists `today` for PROVINCE items. Existing ones are untouched.
   */
  async createMilestones(
    tx: EntityManager,
    program: { id: string; ownerUnitId: string },
    today: IsoDate,
    now: Date,
  ): Promise<void> {
    await run(
      tx,
      centralSql
        .insertInto('milestone')
        .columns(['program_id', 'plan_item_id', 'unit_id', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('plan_item as pi')
            .innerJoin('unit as u', (join) =>
              join.on((on) =>
                on.or([
                  on.and([on('pi.scope', '=', 'CENTRAL'), on('u.id', '=', program.ownerUnitId)]),
                  on.and([
                    on('pi.scope', '=', 'PROVINCE'),
                    on('u.kind', '=', 'PROVINCE'),
                    unitExistsOn(today),
                  ]),
                ]),
              ),
            )
            .select([
              'pi.program_id',
              'pi.id',
              'u.id',
              sql<Date>`${now}::timestamptz`.as('created_at'),
            ])
            .where('pi.program_id', '=', program.id)
            .where('pi.removed_in_version', 'is', null),
        )
        .onConflict((oc) => oc.columns(['plan_item_id', 'unit_id']).doNothing()),
    );
  }

  /** The program is at `version` now, and the version's items are kept as published. */
  async recordVersion(
    tx: EntityManager,
    programId: string,
    version: number,
    items: PlanItemSpec[],
    by: string,
    at: Date,
  ): Promise<void> {
    await run(
      tx,
      centralSql.updateTable('program').set({ plan_version: version }).where('id', '=', programId),
    );
    await run(
      tx,
      centralSql.insertInto('plan_version').values({
        program_id: programId,
        version,
        items: JSON.stringify(items),
        published_by: by,
        published_at: at,
      }),
    );
  }
}
