import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PublishedItem } from '@tracker/domain';
import { DataSource, EntityManager } from 'typeorm';
import { PlanItem, Program } from './program.type';

const PROGRAM_COLUMNS = `p.id, p.code, p.name, p.model, p.target_date AS "targetDate",
  p.plan_version AS "planVersion", p.owner_unit_id AS "ownerUnitId"`;

export interface StoredPlanItem extends PublishedItem {
  id: string;
}

@Injectable()
export class ProgramsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findAll(): Promise<Program[]> {
    return this.db.query(`SELECT ${PROGRAM_COLUMNS} FROM program p ORDER BY p.code COLLATE "C"`);
  }

  async findByCode(
    code: string,
    manager: EntityManager = this.db.manager,
  ): Promise<Program | undefined> {
    const rows: Program[] = await manager.query(
      `SELECT ${PROGRAM_COLUMNS} FROM program p WHERE p.code = $1`,
      [code],
    );
    return rows[0];
  }

  async findByIds(ids: readonly string[]): Promise<Program[]> {
    return this.db.query(`SELECT ${PROGRAM_COLUMNS} FROM program p WHERE p.id = ANY ($1::uuid[])`, [
      ids,
    ]);
  }

  /** The current plan of each program: items not removed, in published order. */
  async currentPlans(programIds: readonly string[]): Promise<(PlanItem & { programId: string })[]> {
    return this.db.query(
      `SELECT program_id AS "programId", key, title, scope, baseline_due AS "baselineDue", weight, depends_on AS "dependsOn"
       FROM plan_item WHERE program_id = ANY ($1::uuid[]) AND removed_in_version IS NULL
       ORDER BY program_id, position`,
      [programIds],
    );
  }

  /** Every key the program ever published, removed ones included, for a publish to diff against. */
  async allItems(manager: EntityManager, programId: string): Promise<StoredPlanItem[]> {
    const rows: (StoredPlanItem & { removedInVersion: number | null })[] = await manager.query(
      `SELECT id, key, title, scope, baseline_due AS "baselineDue", weight, depends_on AS "dependsOn",
              removed_in_version AS "removedInVersion"
       FROM plan_item WHERE program_id = $1`,
      [programId],
    );
    return rows.map(({ removedInVersion, ...item }) => ({
      ...item,
      removed: removedInVersion !== null,
    }));
  }
}
