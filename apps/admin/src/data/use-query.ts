import { useCallback, useEffect, useRef, useState } from 'react';
import { SessionEndedError, StaleScopeError } from '../api/errors';
import type { Operation } from '../api/operation';
import { useSession } from '../session/session-context';

export interface QueryState<TData> {
  data: TData | undefined;
  error: unknown;
  loading: boolean;
  refetch: () => void;
}

function isSilent(error: unknown): boolean {
  return (
    error instanceof StaleScopeError ||
    error instanceof SessionEndedError ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}

/**
 * Fetches on mount and whenever the variables change. Data lives in component state only: pages
 * are remounted when the session's tenant changes, so nothing fetched for one tenant can render
 * in another tenant's view, and a late response from before a switch is dropped by the manager.
 * While refetching, the previous data stays visible (tables keep their rows under a spinner).
 */
export function useQuery<TData, TVars>(
  op: Operation<TData, TVars>,
  variables: TVars,
  options: { skip?: boolean } = {},
): QueryState<TData> {
  const { manager } = useSession();
  const [data, setData] = useState<TData | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!options.skip);
  const [tick, setTick] = useState(0);
  const varsKey = JSON.stringify(variables);
  const varsRef = useRef(variables);
  varsRef.current = variables;

  useEffect(() => {
    if (options.skip) {
      setLoading(false);
      return undefined;
    }
    const controller = new AbortController();
    setLoading(true);
    manager
      .request(op, varsRef.current, controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted || isSilent(err)) return;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [manager, op, varsKey, tick, options.skip]);

  const refetch = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, refetch };
}

export interface MutationState<TData, TVars> {
  run: (variables: TVars) => Promise<TData>;
  loading: boolean;
}

/** A mutation bound to the session. `run` rejects with an ApiError the caller shows. */
export function useMutation<TData, TVars>(op: Operation<TData, TVars>): MutationState<TData, TVars> {
  const { manager } = useSession();
  const [pending, setPending] = useState(0);
  const run = useCallback(
    async (variables: TVars) => {
      setPending((n) => n + 1);
      try {
        return await manager.request(op, variables);
      } finally {
        setPending((n) => n - 1);
      }
    },
    [manager, op],
  );
  return { run, loading: pending > 0 };
}

export { isSilent as isSilentError };
