import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@tracker/domain';

/** Path of the first failing property, e.g. `items[2].title`. */
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

/** C0 controls and DEL, but for tab and line breaks a note may hold. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Every string of the input in NFC (so 'Hà Nội' typed on any keyboard is one
 * value), and none with control characters (refused, with the field).
 */
export function normaliseStrings(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) throw DomainError.badInput(path, 'control characters are not allowed');
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((v, i) => normaliseStrings(v, `${path}[${i}]`));
  const proto = value && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      (value as Record<string, unknown>)[k] = normaliseStrings(v, path ? `${path}.${k}` : k);
    }
  }
  return value;
}

const CALLER_INPUT = new Set<string>(['args', 'body', 'query', 'param']);

class InputPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the caller sent (GraphQL arguments, HTTP inputs): not the parent
    // object of a field, the context or the caller, which run once per field per row.
    if (!CALLER_INPUT.has(metadata.type)) return value;
    // Paths start inside an object argument, as class-validator's do; a plain argument is named.
    const root = value && typeof value === 'object' ? '' : (metadata.data ?? '');
    return super.transform(normaliseStrings(value, root), metadata);
  }
}

/** NFC, no control characters, then class-validator on every input; failing as BAD_USER_INPUT with the field. */
export function inputValidationPipe(): ValidationPipe {
  return new InputPipe({
    transform: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const { field, message } = firstFailure(errors);
      return DomainError.badInput(field, message);
    },
  });
}
