import { Alert, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyText } from './copy-text';

/**
 * A secret the server returns exactly once, with the warning that goes with it. `description`
 * replaces the default explanation (which says Tandem keeps only a hash) for secrets Tandem keeps
 * encrypted because it signs with them, such as a webhook's.
 */
export function SecretOnce({
  secret,
  label,
  description,
  testId,
  onCopied,
}: {
  secret: string;
  label?: string;
  description?: string;
  testId?: string;
  onCopied?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Alert
        type="warning"
        showIcon
        title={t('secret.shownOnceTitle')}
        description={description ?? t('secret.shownOnceBody')}
      />
      {label ? <Typography.Text strong>{label}</Typography.Text> : null}
      <CopyText
        value={secret}
        monospace
        testId={testId ?? 'secret-value'}
        {...(onCopied ? { onCopied } : {})}
      />
    </Flex>
  );
}
