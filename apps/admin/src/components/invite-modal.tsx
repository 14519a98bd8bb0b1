import { Alert, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InvitationLink } from '../api/types';
import { useFormatters } from '../i18n/format';
import { CopyText } from './copy-text';

/** The link an invited person opens; the console shows it so it can be sent over any channel. */
export function InviteLinkResult({ invitation }: { invitation: InvitationLink }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const url = new URL(invitation.url, window.location.origin).toString();
  return (
    <Flex vertical gap={12}>
      <Alert
        type="success"
        showIcon
        title={t('inviteLink.created', { email: invitation.email })}
        description={t('inviteLink.body', { expires: fmt.dateTime(invitation.expiresAt) })}
      />
      <Typography.Text strong>{t('inviteLink.label')}</Typography.Text>
      <CopyText value={url} testId="invite-url" />
    </Flex>
  );
}
