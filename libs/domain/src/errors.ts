// The first of three error layers: the domain says what went wrong with a code;
// the API layer maps the code to GraphQL extensions; a catch-all hides the rest.

export enum DomainErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The offending input field, as a path (`items[2].baselineDue`), for BAD_USER_INPUT. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(field: string, message: string): DomainError {
    return new DomainError(DomainErrorCode.BAD_USER_INPUT, message, field);
  }

  static notFound(message: string): DomainError {
    return new DomainError(DomainErrorCode.NOT_FOUND, message);
  }

  static forbidden(message: string): DomainError {
    return new DomainError(DomainErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message: string): DomainError {
    return new DomainError(DomainErrorCode.UNAUTHENTICATED, message);
  }
}
