import { z } from 'zod';
import { TandemApiError, TandemClientErrorCode } from './errors.js';
import { graphqlResponseSchema, type GraphQLResponse } from './graphql-response.js';
import { isQueryOnly } from './operation-kind.js';

const RETRYABLE_STATUS = new Set([502, 503, 504]);

const clientOptionsSchema = z
  .object({
    baseUrl: z.union([z.string(), z.instanceof(URL)]).transform((value, ctx) => {
      const url = URL.canParse(String(value)) ? new URL(String(value)) : undefined;
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an absolute http(s) URL, e.g. "https://api.tandem.example"',
        });
        return z.NEVER;
      }
      return url;
    }),
    apiKey: z.string().min(1, 'must not be empty').optional(),
    accessToken: z.string().min(1, 'must not be empty').optional(),
    timeoutMs: z.int().positive().default(30_000),
    retries: z.int().min(0).max(5).default(2),
    graphqlPath: z.string().startsWith('/', 'must start with "/"').default('/graphql'),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .refine((options) => (options.apiKey === undefined) !== (options.accessToken === undefined), {
    message: 'pass exactly one of apiKey or accessToken',
  });

interface TandemClientBaseOptions {
  /** API origin, e.g. `https://api.tandem.example`; requests go to `baseUrl + graphqlPath`. */
  readonly baseUrl: string | URL;
  /** Defaults to the global `fetch` (Node 20+). */
  readonly fetch?: typeof globalThis.fetch;
  /** Deadline per attempt, including reading the response body. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Extra attempts for query-only documents after a network error or HTTP 502/503/504 (default 2).
   * Mutations are never retried: a lost response does not mean the change did not happen.
   */
  readonly retries?: number;
  /** Default `/graphql`. */
  readonly graphqlPath?: string;
  /** Sent with every request; cannot replace `authorization` or `content-type`. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type TandemClientCredentials =
  | { readonly apiKey: string; readonly accessToken?: never }
  | { readonly accessToken: string; readonly apiKey?: never };

export type TandemClientOptions = TandemClientBaseOptions & TandemClientCredentials;

export interface GraphQLRequestOptions {
  readonly operationName?: string;
  /** Cancels the request (and any retry); the promise rejects with code `ABORTED`. */
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
}

export interface TandemClient {
  /**
   * Sends one GraphQL operation and resolves with its `data`. `TData` is what the caller expects;
   * it is not checked at runtime. Rejects with `TandemApiError` on any error.
   */
  graphql<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
    query: string,
    variables?: TVariables,
    options?: GraphQLRequestOptions,
  ): Promise<TData>;
}

function describeCause(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  if (inner instanceof Error) {
    const code = 'code' in inner && typeof inner.code === 'string' ? inner.code : undefined;
    return code ?? inner.message;
  }
  return String(cause);
}

function parseBody(text: string): GraphQLResponse | undefined {
  try {
    const parsed = graphqlResponseSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(
        new TandemApiError('Tandem API request was aborted', {
          code: TandemClientErrorCode.ABORTED,
          cause: signal?.reason,
        }),
      );
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createTandemClient(options: TandemClientOptions): TandemClient {
  const parsed = clientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(options)'}: ${issue.message}`,
    );
    throw new TypeError(['Invalid Tandem client options:', ...lines].join('\n'));
  }
  const config = parsed.data;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function')
    throw new TypeError('No fetch implementation: pass options.fetch or use Node 20+');

  const endpoint = new URL(config.baseUrl.href.replace(/\/+$/, '') + config.graphqlPath);
  const credential = config.apiKey ?? config.accessToken ?? '';
  const headers: Record<string, string> = {
    // Lower-cased so a caller's `Authorization` cannot sit next to ours and be merged with it.
    ...Object.fromEntries(Object.entries(config.headers).map(([name, value]) => [name.toLowerCase(), value])),
    accept: 'application/graphql-response+json, application/json',
    'content-type': 'application/json',
    authorization: `Bearer ${credential}`,
  };

  async function attempt<TData>(body: string, request: GraphQLRequestOptions): Promise<TData> {
    const timeoutMs = request.timeoutMs ?? config.timeoutMs;
    // One controller for both causes (AbortSignal.any needs Node 20.3); `timedOut` tells them apart.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onCallerAbort();
    else request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let status: number | undefined;
    let requestId: string | undefined;

    const transportError = (cause: unknown): TandemApiError => {
      const context = { status, requestId, cause };
      if (timedOut) {
        return new TandemApiError(`Tandem API request timed out after ${timeoutMs} ms`, {
          ...context,
          code: TandemClientErrorCode.TIMEOUT,
        });
      }
      if (request.signal?.aborted) {
        return new TandemApiError('Tandem API request was aborted', {
          ...context,
          code: TandemClientErrorCode.ABORTED,
        });
      }
      return new TandemApiError(
        `Could not reach the Tandem API at ${endpoint.href} (${describeCause(cause)})`,
        {
          ...context,
          code: TandemClientErrorCode.NETWORK_ERROR,
        },
      );
    };

    try {
      let text: string;
      let statusText: string;
      try {
        const response = await fetchImpl(endpoint, {
          method: 'POST',
          headers,
          body,
          signal: controller.signal,
        });
        status = response.status;
        statusText = response.statusText;
        requestId = response.headers.get('x-request-id') ?? undefined;
        text = await response.text();
      } catch (cause) {
        throw transportError(cause);
      }

      const result = parseBody(text);
      const ok = status >= 200 && status < 300;
      const [first, ...rest] = result?.errors ?? [];
      if (first) {
        const more =
          rest.length === 0 ? '' : ` (and ${rest.length} more error${rest.length === 1 ? '' : 's'})`;
        throw new TandemApiError(first.message + more, {
          code:
            first.extensions?.code ??
            (ok ? TandemClientErrorCode.GRAPHQL_ERROR : TandemClientErrorCode.HTTP_ERROR),
          status,
          requestId,
          errors: [first, ...rest],
          data: result?.data ?? undefined,
        });
      }
      if (!ok) {
        throw new TandemApiError(`Tandem API answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`, {
          code: TandemClientErrorCode.HTTP_ERROR,
          status,
          requestId,
        });
      }
      if (result?.data === undefined || result.data === null) {
        throw new TandemApiError('Tandem API answered without GraphQL data', {
          code: TandemClientErrorCode.INVALID_RESPONSE,
          status,
          requestId,
        });
      }
      return result.data as TData;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    async graphql<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
      query: string,
      variables?: TVariables,
      request: GraphQLRequestOptions = {},
    ): Promise<TData> {
      const body = JSON.stringify({ query, variables, operationName: request.operationName });
      const attempts = 1 + (isQueryOnly(query) ? config.retries : 0);
      for (let n = 1; ; n += 1) {
        try {
          return await attempt<TData>(body, request);
        } catch (error) {
          const retryable =
            error instanceof TandemApiError &&
            (error.code === TandemClientErrorCode.NETWORK_ERROR ||
              (error.status !== undefined && RETRYABLE_STATUS.has(error.status)));
          if (!retryable || n >= attempts) throw error;
          await wait(Math.min(1_000, 100 * 2 ** (n - 1)), request.signal);
        }
      }
    },
  };
}
