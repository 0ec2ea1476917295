import { DateScalar } from '@tracker/api';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Health } from '@tracker/domain';
import { LevelCount } from '../escalations/escalation.type';
import { Program } from '../programs/program.type';
import { Progress, ProvinceRow } from '../rollup/rollup.type';

@ObjectType()
export class ProgramSummary {
  @Field(() => Program)
  program: Program;

  @Field(() => Progress)
  progress: Progress;

  @Field(() => Health)
  health: Health;

  @Field(() => Int)
  openEscalations: number;
}

@ObjectType()
export class NationalDashboard {
  @Field(() => DateScalar, {
    description: "The central clock's date the figures are computed for.",
  })
  asOf: string;

  @Field(() => [ProgramSummary])
  programs: ProgramSummary[];

  @Field(() => [LevelCount], { description: 'Open escalations by level.' })
  escalationsByLevel: LevelCount[];

  /** Every active province, worst first; the field resolver takes the first N. */
  provincesWorstFirst: ProvinceRow[];
}
