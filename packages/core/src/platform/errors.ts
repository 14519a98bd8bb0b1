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

/** One row of a module's error table: its HTTP status and what a person reads, in both locales. */
export interface ErrorSpec {
  readonly status: HttpStatus;
  readonly en: string;
  readonly 'zh-CN': string;
}

export type ErrorTable<C extends string = string> = Readonly<Record<C, ErrorSpec>>;

/** Declares a module's error table; the codes become the union of its error class. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(table: T): T {
  return table;
}

/** Helper for a domain: `class TenantsError extends domainError(TENANTS_ERRORS) {}`. */
export function domainError<C extends string>(table: ErrorTable<C>) {
  return class extends AppError<C> {
    get status(): HttpStatus {
      return table[this.code].status;
    }
  };
}

/** Server faults (5xx but 503) never reach a client, so their texts are for operators only. */
export function isClientVisible(code: string, status: HttpStatus): boolean {
  return code === 'INTERNAL_ERROR' || status < 500 || status === 503;
}

export const PLATFORM_ERRORS = defineErrors({
  UNAUTHENTICATED: {
    status: 401,
    en: 'Your session has ended. Please sign in again.',
    'zh-CN': '登录已失效，请重新登录。',
  },
  FORBIDDEN: {
    status: 403,
    en: 'You do not have permission to do this.',
    'zh-CN': '您没有执行此操作的权限。',
  },
  NOT_FOUND: {
    status: 404,
    en: 'This item does not exist or is not visible to you.',
    'zh-CN': '该内容不存在，或您无权查看。',
  },
  VALIDATION_FAILED: {
    status: 400,
    en: 'Some fields are not valid.',
    'zh-CN': '部分字段不合法。',
  },
  BAD_USER_INPUT: {
    status: 400,
    en: 'The request contained invalid values.',
    'zh-CN': '请求中包含无效的值。',
  },
  RATE_LIMITED: { status: 429, en: 'Too many requests.', 'zh-CN': '请求过于频繁。' },
  CONFLICT: {
    status: 409,
    en: 'Someone else just did the same thing. Refresh and check.',
    'zh-CN': '其他人刚刚执行了相同的操作，请刷新后查看。',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This Idempotency-Key was already used for a different request.',
    'zh-CN': '该幂等键已用于另一个不同的请求。',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', 'zh-CN': '请求内容过大。' },
  TENANT_CONTEXT_MISSING: {
    status: 500,
    en: 'No tenant context: refusing to touch tenant data.',
    'zh-CN': '缺少租户上下文，拒绝访问租户数据。',
  },
  TENANCY_VIOLATION: {
    status: 500,
    en: 'A tenancy rule was violated.',
    'zh-CN': '违反了租户隔离规则。',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service is temporarily unavailable. Try again in a moment.',
    'zh-CN': '服务暂时不可用，请稍后重试。',
  },
  INTERNAL_ERROR: {
    status: 500,
    en: 'The server could not complete the request. Try again in a moment.',
    'zh-CN': '服务器未能完成请求，请稍后重试。',
  },
});

export type PlatformErrorCode = keyof typeof PLATFORM_ERRORS;

export class PlatformError extends domainError<PlatformErrorCode>(PLATFORM_ERRORS) {}

export const notFound = (what: string): PlatformError => new PlatformError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this'): PlatformError =>
  new PlatformError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in again', reason?: string): PlatformError =>
  new PlatformError('UNAUTHENTICATED', message, reason ? { details: { reason } } : {});
