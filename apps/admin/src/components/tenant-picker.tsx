import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TenantOptionsQuery } from './tenant-options';
import { useQuery } from '../data/use-query';

/** Searchable tenant select for provider admins (filters, staffing). */
export function TenantPicker({
  value,
  onChange,
  allowClear,
  placeholder,
  style,
  testId,
  excludeIds,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  excludeIds?: readonly string[];
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [search]);
  const state = useQuery(TenantOptionsQuery, { search: debounced || null, pageSize: 50 });
  const options = (state.data?.tenants.items ?? [])
    .filter((x) => x.status !== 'OFFBOARDED' && !(excludeIds ?? []).includes(x.id))
    .map((x) => ({ value: x.id, label: `${x.name} (${x.slug})` }));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('tenantPicker.placeholder')}
      loading={state.loading}
      options={options}
      notFoundContent={state.loading ? t('common.loading') : t('tenantPicker.none')}
      style={style}
      data-testid={testId}
    />
  );
}
