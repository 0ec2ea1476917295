import { CustomScalar, Scalar } from '@nestjs/graphql';
import { DomainError } from '@tracker/domain';
import { Kind, ValueNode } from 'graphql';

// An instant with an explicit offset: a report's time must not depend on the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO-8601 instant with offset, e.g. 2020-01-15T09:30:00Z. */
@Scalar('DateTime', () => DateTimeScalar)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'ISO-8601 instant with offset, e.g. 2020-01-15T09:30:00Z.';

  parseValue(value: unknown): Date {
    const at = typeof value === 'string' && INSTANT.test(value) ? new Date(value) : null;
    if (!at || Number.isNaN(at.getTime())) {
      throw DomainError.badInput(
        'dateTime',
        `not an ISO-8601 instant with offset: ${String(value).slice(0, 40)}`,
      );
    }
    return at;
  }

  serialize(value: unknown): string {
    const at = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(at.getTime())) throw new TypeError('DateTime cannot represent this value');
    return at.toISOString();
  }

  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw DomainError.badInput('dateTime', 'an instant is a string');
    return this.parseValue(ast.value);
  }
}
