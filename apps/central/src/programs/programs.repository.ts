import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DeliveryModel, IsoDate } from '@tracker/domain';
import { anyOf, CentralDb, centralSql, one, Queryable, rows, run } from '@tracker/persistence';
import { Selectable, sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { Program } from './program.type';

/** Programs' rows, each made a Program by programFromRow: the one list of what a Program takes. */
const programs = () => centralSql.selectFrom('program as p').selectAll('p');

/** A program's table row (read here, or joined by another feature's page) as the API's Program. */
export function programFromRow(r: Selectable<CentralDb['program']>): Program {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    model: r.model as DeliveryModel,
    targetDate: r.target_date,
    planVersion: r.plan_version,
    reportingDeadlineDay: r.reporting_deadline_day,
    ownerUnitId: r.owner_unit_id,
  };
}

@Injectable()
export class ProgramsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findAll(): Promise<Program[]> {
    return (await rows(this.db, programs().orderBy(sql`p.code COLLATE "C"`))).map(programFromRow);
  }

  async findByCode(code: string, manager: Queryable = this.db): Promise<Program | undefined> {
    const row = await one(manager, programs().where('p.code', '=', code));
    return row && programFromRow(row);
  }

  async findByIds(ids: readonly string[]): Promise<Program[]> {
    return (await rows(this.db, programs().where('p.id', '=', anyOf(ids, 'uuid')))).map(
      programFromRow,
    );
  }

  async insert(
    tx: EntityManager,
    program: {
      code: string;
      name: string;
      ownerUnitId: string;
      model: DeliveryModel;
      targetDate: IsoDate | null;
      reportingDeadlineDay?: number;
    },
  ): Promise<void> {
    await run(
      tx,
      centralSql.insertInto('program').values({
        code: program.code,
        name: program.name,
        owner_unit_id: program.ownerUnitId,
        model: program.model,
        target_date: program.targetDate,
        reporting_deadline_day: program.reportingDeadlineDay,
      }),
    );
  }

  async setReportingDeadline(tx: EntityManager, programId: string, day: number): Promise<void> {
    await run(
      tx,
      centralSql
        .updateTable('program')
        .set({ reporting_deadline_day: day })
        .where('id', '=', programId),
    );
  }

  async setEscalationPolicy(
    tx: EntityManager,
    programId: string,
    policy: Record<string, unknown>,
  ): Promise<void> {
    await run(
      tx,
      centralSql
        .updateTable('program')
        .set({ escalation_policy: JSON.stringify(policy) })
        .where('id', '=', programId),
    );
  }
}
