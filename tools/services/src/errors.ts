/** Error codes thrown by the service launcher. Each message says what to do about it. */
export type ServicesErrorCode =
  | 'SERVICES_FERRETDB_NOT_BUILT'
  | 'SERVICES_FERRETDB_EXITED'
  | 'SERVICES_FERRETDB_UNHEALTHY'
  | 'SERVICES_REDIS_NOT_INSTALLED'
  | 'SERVICES_REDIS_EXITED'
  | 'SERVICES_REDIS_UNHEALTHY'
  | 'SERVICES_MONGODB_UNREACHABLE'
  | 'SERVICES_REDIS_UNREACHABLE'
  | 'SERVICES_POSTGRESQL_UNAVAILABLE'
  | 'SERVICES_POSTGRESQL_FAILED'
  | 'SERVICES_BAD_OPTION'
  | 'SERVICES_STATE_CORRUPT';

export class ServicesError extends Error {
  readonly code: ServicesErrorCode;

  constructor(code: ServicesErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'ServicesError';
    this.code = code;
  }
}

export function isServicesError(value: unknown): value is ServicesError {
  return value instanceof ServicesError;
}

export function errorMessage(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
