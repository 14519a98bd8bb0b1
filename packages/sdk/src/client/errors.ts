import type { GraphQLErrorItem } from './graphql-response.js';

/** Codes the client itself produces; server errors carry the server's `extensions.code` instead. */
export const TandemClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  ABORTED: 'ABORTED',
  HTTP_ERROR: 'HTTP_ERROR',
  INVALID_RESPONSE: 'INVALID_RESPONSE',
  GRAPHQL_ERROR: 'GRAPHQL_ERROR',
} as const;

export type TandemClientErrorCode = (typeof TandemClientErrorCode)[keyof typeof TandemClientErrorCode];

export interface TandemApiErrorOptions {
  readonly code: string;
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
  readonly errors?: readonly GraphQLErrorItem[] | undefined;
  readonly data?: unknown;
  readonly cause?: unknown;
}

/** Every failure of a Tandem API call: transport, HTTP status or GraphQL errors. */
export class TandemApiError extends Error {
  override readonly name = 'TandemApiError';
  /** The first GraphQL error's `extensions.code` (e.g. `UNAUTHENTICATED`), else a `TandemClientErrorCode`. */
  readonly code: TandemClientErrorCode | (string & {});
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The `x-request-id` response header; quote it when reporting a problem. */
  readonly requestId: string | undefined;
  readonly errors: readonly GraphQLErrorItem[];
  /** Partial data the server returned alongside errors, if any. */
  readonly data: unknown;

  constructor(message: string, options: TandemApiErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.errors = Object.freeze([...(options.errors ?? [])]);
    this.data = options.data;
  }
}
