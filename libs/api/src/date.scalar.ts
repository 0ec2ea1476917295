import { CustomScalar, Scalar } from '@nestjs/graphql';
import { DomainError, isIsoDate, IsoDate } from '@tracker/domain';
import { Kind, ValueNode } from 'graphql';

/** ISO-8601 calendar date, YYYY-MM-DD. An impossible day (2019-02-30) is refused. */
@Scalar('Date', () => DateScalar)
export class DateScalar implements CustomScalar<string, IsoDate> {
  description = 'ISO-8601 calendar date, YYYY-MM-DD.';

  parseValue(value: unknown): IsoDate {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      throw DomainError.badInput(
        'date',
        `not a calendar date (YYYY-MM-DD): ${String(value).slice(0, 40)}`,
      );
    }
    return value;
  }

  serialize(value: unknown): string {
    if (typeof value === 'string') return value.slice(0, 10);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError('Date cannot represent this value');
  }

  parseLiteral(ast: ValueNode): IsoDate {
    if (ast.kind !== Kind.STRING)
      throw DomainError.badInput('date', 'a date is a string, YYYY-MM-DD');
    return this.parseValue(ast.value);
  }
}
