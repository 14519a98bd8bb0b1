/**
 * Every domain error extends AppError with its own code union and an exhaustive code→status
 * table, so the edge (GraphQL `extensions.code`, HTTP status) maps errors in exactly one place
 * and a new code that is not mapped fails to compile.
 */
export type HttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export interface Issue {
  path: string;
  message: string;
}

export abstract class AppError<C extends string = string> extends Error {
  abstract readonly status: HttpStatus;
  readonly issues: Issue[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Extra machine-readable detail safe to show the caller (never secrets or internals). */
  readonly details: Record<string, string | number | boolean> | undefined;

  constructor(
    readonly code: C,
    message: string,
    opts: {
      issues?: Issue[];
      retryAfterSeconds?: number;
      details?: Record<string, string | number | boolean>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.details = opts.details;
  }
}

/** Helper for a domain: `class TenantsError extends domainError(TENANT_ERROR_STATUS) {}`. */
export function domainError<C extends string>(statusOf: Record<C, HttpStatus>) {
  return class extends AppError<C> {
    get status(): HttpStatus {
      return statusOf[this.code];
    }
  };
}

export const PLATFORM_ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TENANT_CONTEXT_MISSING: 500,
  TENANCY_VIOLATION: 500,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
} as const satisfies Record<string, HttpStatus>;

export type PlatformErrorCode = keyof typeof PLATFORM_ERROR_STATUS;

export class PlatformError extends domainError<PlatformErrorCode>(PLATFORM_ERROR_STATUS) {}

export const notFound = (what: string): PlatformError => new PlatformError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this'): PlatformError =>
  new PlatformError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in again', reason?: string): PlatformError =>
  new PlatformError('UNAUTHENTICATED', message, reason ? { details: { reason } } : {});
