import { ApiError, fromGraphqlError } from './errors';
import { type Operation, operationName } from './operation';

export const GRAPHQL_PATH = '/graphql';

interface GraphqlResponse<TData> {
  data?: TData | null;
  errors?: unknown[];
}

/**
 * One POST to /graphql. Throws an ApiError for transport failures and for the first GraphQL
 * error; returns `data` otherwise. Knows nothing about sessions.
 */
export async function postGraphql<TData, TVars>(
  op: Operation<TData, TVars>,
  variables: TVars,
  accessToken: string | null,
  signal?: AbortSignal,
): Promise<TData> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;

  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers,
      body: JSON.stringify({ operationName: operationName(op), query: op.toString(), variables }),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
  }

  let body: GraphqlResponse<TData> | null = null;
  try {
    body = (await response.json()) as GraphqlResponse<TData>;
  } catch {
    body = null;
  }

  const firstError = body?.errors?.[0];
  if (firstError !== undefined) throw fromGraphqlError(firstError);
  if (!response.ok || !body || body.data === undefined || body.data === null) {
    if (response.status === 401) throw new ApiError('UNAUTHENTICATED', 'Unauthenticated');
    if (response.status === 429) throw new ApiError('RATE_LIMITED', 'Too many requests');
    if (response.status === 503) throw new ApiError('SERVICE_UNAVAILABLE', 'Service unavailable');
    throw new ApiError(
      response.status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN_ERROR',
      `HTTP ${response.status}`,
    );
  }
  return body.data;
}
