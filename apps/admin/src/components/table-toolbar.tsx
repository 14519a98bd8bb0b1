import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A search field for a filter kept in the URL: what is typed stays a draft until it is searched
 * (Enter, the button or clearing), and the field follows the URL when that changes (back, reset).
 */
export function SearchBox({
  value,
  onSearch,
  placeholder,
  width,
  testId,
}: {
  value: string;
  /** Called with the trimmed text. */
  onSearch: (text: string) => void;
  placeholder: string;
  width: number;
  testId?: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onSearch(v.trim())}
      style={{ width }}
      data-testid={testId}
    />
  );
}

/** Reloads what a page shows. */
export function RefreshButton({ onClick, style }: { onClick: () => void; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Button icon={<ReloadOutlined />} onClick={onClick} style={style} aria-label={t('common.refresh')} />
  );
}
