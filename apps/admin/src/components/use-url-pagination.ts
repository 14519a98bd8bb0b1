import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';

/** A table's pagination kept in the URL: `useSearchState`'s page and page size. */
export function useUrlPagination(
  {
    page,
    pageSize,
    update,
  }: {
    page: number;
    pageSize: number;
    update: (patch: { page: number } | { pageSize: number }) => void;
  },
  total: number,
): TablePaginationConfig {
  const { t } = useTranslation();
  return {
    current: page,
    pageSize,
    total,
    showTotal: (n) => t('common.totalItems', { total: n }),
    onChange: (p, size) => update(size !== pageSize ? { pageSize: size } : { page: p }),
  };
}
