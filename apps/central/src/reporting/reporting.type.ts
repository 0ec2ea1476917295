import { DateScalar } from '@tracker/api';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/** The counts a province's row and the national total share (domain ReportingCounts). */
@ObjectType({ isAbstract: true })
abstract class ReportingCounts {
  @Field(() => Int)
  expected: number;

  @Field(() => Int)
  received: number;

  @Field(() => Int)
  onTime: number;

  @Field(() => Float, { description: 'received / expected (1 when nothing was expected).' })
  completeness: number;

  @Field(() => Float, { description: 'onTime / expected (1 when nothing was expected).' })
  timeliness: number;
}

/** One province's month; its `unit` is resolved per request (ReportingRowResolver). */
@ObjectType()
export class ReportingRow extends ReportingCounts {
  unitId: string;
}

@ObjectType()
export class ReportingCompleteness extends ReportingCounts {
  @Field({ description: 'YYYY-MM.' })
  period: string;

  @Field(() => DateScalar)
  deadline: string;

  @Field(() => [ReportingRow], { description: 'Worst first (completeness, then timeliness).' })
  provinces: ReportingRow[];
}
