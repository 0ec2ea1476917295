import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@tracker/domain';

/** Path of the first failing property, e.g. `input.items[2].title`. */
function firstFailure(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  const e = errors[0];
  const isIndex = /^\d+$/.test(e.property);
  const field = prefix
    ? isIndex
      ? `${prefix}[${e.property}]`
      : `${prefix}.${e.property}`
    : e.property;
  if (e.constraints && Object.keys(e.constraints).length > 0) {
    return { field, message: Object.values(e.constraints)[0] };
  }
  return e.children?.length
    ? firstFailure(e.children, field)
    : { field, message: `${field} is not valid` };
}

/** class-validator on every input, failing as BAD_USER_INPUT with the field. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const { field, message } = firstFailure(errors);
      return DomainError.badInput(field, message);
    },
  });
}
