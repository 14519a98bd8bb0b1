import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Button, Input, Space, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  // Plain-HTTP origins have no async clipboard; the selection-based copy still works there.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.body.removeChild(area);
  return ok;
}

/** A read-only value with a copy button. */
export function CopyText({
  value,
  monospace,
  testId,
  onCopied,
}: {
  value: string;
  monospace?: boolean;
  testId?: string;
  onCopied?: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    if (copied === null) return undefined;
    const timer = window.setTimeout(() => setCopied(null), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    const ok = await writeClipboard(value);
    setCopied(ok);
    if (ok) onCopied?.();
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        readOnly
        value={value}
        data-testid={testId}
        className={monospace ? 'mono' : undefined}
        onFocus={(e) => e.currentTarget.select()}
      />
      <Tooltip
        title={copied === null ? t('common.copy') : copied ? t('common.copied') : t('common.copyFailed')}
      >
        <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copy()}>
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </Tooltip>
    </Space.Compact>
  );
}
