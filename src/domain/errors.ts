/** Typed failures that leave the domain; each has an HTTP status and a stable code. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Sidan eller posten finns inte.') {
    super(404, 'not_found', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Du har inte behörighet till detta.') {
    super(403, 'forbidden', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly issues: { field: string; message: string; code: string }[],
    message = 'Uppgifterna är inte giltiga.',
  ) {
    super(400, 'validation_failed', message);
  }
}
