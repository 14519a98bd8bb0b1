import { Card, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import type { QueryState } from '../data/use-query';
import { ErrorResult } from './error-result';

/**
 * Loading, error and ready states for one query. While a refetch runs the previous data stays on
 * screen; an error with no data yet replaces the content with a retry.
 */
export function QueryView<TData>({
  state,
  children,
  skeletonRows = 6,
  bare,
}: {
  state: QueryState<TData>;
  children: (data: TData) => ReactNode;
  skeletonRows?: number;
  bare?: boolean;
}) {
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error) {
    const result = <ErrorResult error={state.error} onRetry={state.refetch} />;
    return bare ? result : <Card>{result}</Card>;
  }
  const skeleton = <Skeleton active paragraph={{ rows: skeletonRows }} />;
  return bare ? skeleton : <Card>{skeleton}</Card>;
}
