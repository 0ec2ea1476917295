import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsoDate, MilestoneScope, RollupFact } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { healthSql } from '../milestones/health.sql';

export interface MilestoneFact extends RollupFact {
  programId: string;
  unitId: string;
  scope: MilestoneScope;
}

/** The few columns every roll-up needs, for many programs in one statement. */
@Injectable()
export class RollupFactsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forPrograms(programIds: readonly string[], today: IsoDate): Promise<MilestoneFact[]> {
    return this.db.query(
      `SELECT m.program_id AS "programId", m.unit_id AS "unitId", pi.scope, m.status,
              ${healthSql('$1')} AS health, pi.weight, m.percent_complete AS "percentComplete",
              pi.baseline_due AS "baselineDue", m.completed_on AS "completedOn"
       FROM milestone m JOIN plan_item pi ON pi.id = m.plan_item_id
       WHERE m.program_id = ANY ($2::uuid[]) AND m.status <> 'CANCELLED'`,
      [today, programIds],
    );
  }

  async all(today: IsoDate): Promise<MilestoneFact[]> {
    const ids: { id: string }[] = await this.db.query(`SELECT id FROM program`);
    return this.forPrograms(
      ids.map((r) => r.id),
      today,
    );
  }
}
