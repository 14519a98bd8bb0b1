import { Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { QueryState } from '../data/use-query';
import { ErrorResult } from './error-result';

/**
 * A table of one query's rows with the console's states: rows stay under a spinner while it
 * refetches, an empty result says so (with an optional action), and a failed first load is replaced
 * by the error and a retry.
 */
export function QueryTable<Row extends object>({
  state,
  empty,
  emptyAction,
  ...table
}: Omit<TableProps<Row>, 'loading' | 'locale'> & {
  state: QueryState<unknown>;
  empty: ReactNode;
  emptyAction?: ReactNode;
}) {
  if (state.error && !state.data) return <ErrorResult error={state.error} onRetry={state.refetch} />;
  return (
    <Table<Row>
      {...table}
      loading={state.loading}
      locale={{
        emptyText: state.loading ? (
          ' '
        ) : (
          <Empty description={empty} image={Empty.PRESENTED_IMAGE_SIMPLE}>
            {emptyAction}
          </Empty>
        ),
      }}
    />
  );
}
