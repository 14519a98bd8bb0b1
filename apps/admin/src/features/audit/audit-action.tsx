import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { en } from './messages';

type ActionKey = keyof typeof en.audit.actions;

function isActionKey(key: string): key is ActionKey {
  return Object.hasOwn(en.audit.actions, key);
}

const COLORS: Record<string, string> = {
  tenant: 'blue',
  api_key: 'purple',
  user: 'cyan',
  invitation: 'green',
  agent: 'geekblue',
  provider_user: 'gold',
  session: 'red',
  webhook: 'magenta',
};

/** An audit action in words, with its machine name underneath (what the action filter takes). */
export function AuditAction({ action, compact }: { action: string; compact?: boolean }) {
  const { t } = useTranslation('audit');
  const key = action.replace(/\./g, '_');
  const color = COLORS[action.split('.')[0] ?? ''] ?? 'default';
  if (!isActionKey(key)) return <Tag className="mono">{action}</Tag>;
  return (
    <Flex vertical align="flex-start" gap={2}>
      <Tag color={color}>{t(`audit.actions.${key}`)}</Tag>
      {compact ? null : (
        <Typography.Text type="secondary" className="mono small">
          {action}
        </Typography.Text>
      )}
    </Flex>
  );
}
