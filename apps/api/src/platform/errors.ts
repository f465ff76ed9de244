import type { ErrorCode } from '@shop/contracts/errors';

export type { ErrorCode };

/**
 * The one error type of the platform. Services throw these; the HTTP error handler turns them
 * into RFC 9457 problem documents with the stable `code`, which must be listed in
 * `@shop/contracts/errors` (the module's list): an unlisted code does not compile.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id?: string, code: ErrorCode = 'NOT_FOUND') {
    super(code, 404, id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
  }
}

/** 409: the request conflicts with the resource's state. `extra` fields go into the problem document (e.g. `available`). */
export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(code, 409, message, extra);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this.', code: ErrorCode = 'FORBIDDEN') {
    super(code, 403, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first.', code: ErrorCode = 'AUTH_UNAUTHORIZED') {
    super(code, 401, message);
  }
}

export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldIssue[],
    message = 'The request has invalid fields.',
  ) {
    super('VALIDATION_FAILED', 400, message);
  }
}
