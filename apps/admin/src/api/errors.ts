/** Error codes the API sends in `extensions.code`, plus the console's own for transport failures. */
export const SERVER_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'SLUG_TAKEN',
  'INVALID_CREDENTIALS',
  'LOGIN_THROTTLED',
  'RATE_LIMITED',
  'TENANT_SUSPENDED',
  'INVITATION_INVALID',
  'INVITATION_EXPIRED',
  'REFRESH_TOKEN_INVALID',
  'CONFIRMATION_MISMATCH',
  'SEAT_LIMIT_REACHED',
  'WEAK_PASSWORD',
  'ALREADY_MEMBER',
  'INTERNAL_ERROR',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'CONFLICT',
  'LAST_ADMIN',
  'NOT_A_PROVIDER_AGENT',
  'TENANT_NOT_ACTIVE',
  'TENANT_OFFBOARDED',
  // customers
  'CUSTOMER_EMAIL_INVALID',
  'CUSTOMER_MOBILE_INVALID',
  'CUSTOMER_RESIDENT_ID_INVALID',
  'CUSTOMER_BANK_CARD_INVALID',
  'CUSTOMER_ADDRESS_INVALID',
  'CUSTOMER_EXTERNAL_ID_INVALID',
  'CUSTOMER_IDENTITY_TAKEN',
  'CUSTOMER_MERGED',
  'CUSTOMER_MERGE_NOT_ALLOWED',
  // webhooks
  'WEBHOOK_URL_NOT_ALLOWED',
  'WEBHOOK_LIMIT_REACHED',
  'WEBHOOK_INACTIVE',
  'WEBHOOK_DELIVERY_IN_PROGRESS',
  // tickets
  'TICKET_TRANSITION_NOT_ALLOWED',
  'TICKET_CLOSED',
  'TICKET_REOPEN_WINDOW_PASSED',
  'TICKET_MERGED',
  'TICKET_MERGE_NOT_ALLOWED',
  'ASSIGNEE_INVALID',
  'CUSTOM_FIELD_INVALID',
  'CUSTOM_FIELD_REQUIRED',
  'CUSTOM_FIELD_KEY_TAKEN',
  'TICKETS_LIMIT_REACHED',
  'IDEMPOTENCY_KEY_REUSED',
  'CSAT_SURVEY_INVALID',
  'CSAT_ALREADY_ANSWERED',
  // sla
  'CALENDAR_LIMIT_REACHED',
  'CALENDAR_IS_DEFAULT',
  'CALENDAR_NEVER_OPEN',
  'HOLIDAY_DATA_MISSING',
] as const;

export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'UNKNOWN_ERROR'] as const;

export type ErrorCode = (typeof SERVER_ERROR_CODES)[number] | (typeof CLIENT_ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly retryAfterSeconds: number | null = null,
    /** Extra machine-readable reason, e.g. why a session ended. */
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Thrown for a response that arrived after the session changed tenant; callers drop it silently. */
export class StaleScopeError extends Error {
  constructor() {
    super('The session changed while this request was in flight');
    this.name = 'StaleScopeError';
  }
}

/** Thrown when the session has ended; the shell has already sent the user to the sign-in page. */
export class SessionEndedError extends Error {
  constructor(readonly reason: string) {
    super('The session has ended');
    this.name = 'SessionEndedError';
  }
}

const KNOWN = new Set<string>(SERVER_ERROR_CODES);

export function toErrorCode(code: unknown): ErrorCode {
  return typeof code === 'string' && KNOWN.has(code) ? (code as ErrorCode) : 'UNKNOWN_ERROR';
}

interface RawGraphqlError {
  message?: unknown;
  extensions?: {
    code?: unknown;
    issues?: unknown;
    retryAfterSeconds?: unknown;
    reason?: unknown;
    details?: unknown;
  };
}

function readIssues(raw: unknown): FieldIssue[] {
  if (!Array.isArray(raw)) return [];
  const issues: FieldIssue[] = [];
  for (const item of raw as unknown[]) {
    if (item && typeof item === 'object') {
      const { path, message } = item as { path?: unknown; message?: unknown };
      const joined = Array.isArray(path) ? path.join('.') : path;
      if (typeof joined === 'string' && typeof message === 'string') issues.push({ path: joined, message });
    }
  }
  return issues;
}

function readReason(ext: RawGraphqlError['extensions']): string | null {
  if (!ext) return null;
  if (typeof ext.reason === 'string') return ext.reason;
  const details = ext.details;
  if (details && typeof details === 'object') {
    const reason = (details as { reason?: unknown }).reason;
    if (typeof reason === 'string') return reason;
  }
  return null;
}

export function fromGraphqlError(raw: unknown): ApiError {
  const err = (raw && typeof raw === 'object' ? raw : {}) as RawGraphqlError;
  const ext = err.extensions;
  const code = toErrorCode(ext?.code);
  const message = typeof err.message === 'string' ? err.message : code;
  const retry = typeof ext?.retryAfterSeconds === 'number' ? ext.retryAfterSeconds : null;
  return new ApiError(code, message, readIssues(ext?.issues), retry, readReason(ext));
}

export function isApiError(error: unknown, ...codes: ErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}
