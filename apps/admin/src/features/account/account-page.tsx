import { Button, Card, Col, Descriptions, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordMutation } from './documents';
import { isApiError } from '../../api/errors';
import { PageHeader } from '../../components/page-header';
import { ProviderRoleTag, RoleTag } from '../../components/tags';
import { useFeedback } from '../../components/use-feedback';
import { useMutation } from '../../data/use-query';
import { useSession, useViewer } from '../../session/session-context';
import { usePasswordRules } from '../../components/password-rules';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function AccountPage() {
  const { t } = useTranslation('account');
  const passwordRules = usePasswordRules();
  const viewer = useViewer();
  const { manager } = useSession();
  const feedback = useFeedback();
  const [form] = Form.useForm<PasswordValues>();
  const change = useMutation(ChangePasswordMutation);

  const submit = async (values: PasswordValues) => {
    try {
      await change.run({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      // The server ends every session of the user; sign in again with the new password.
      manager.end('password_changed');
    } catch (err) {
      if (isApiError(err, 'INVALID_CREDENTIALS'))
        form.setFields([{ name: 'currentPassword', errors: [t('account.currentWrong')] }]);
      else if (isApiError(err, 'WEAK_PASSWORD'))
        form.setFields([{ name: 'newPassword', errors: [t('errors.WEAK_PASSWORD')] }]);
      else feedback.error(err);
    }
  };

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('account.profile')}>
            <Descriptions
              column={1}
              items={[
                { key: 'name', label: t('common.name'), children: viewer.user.name },
                { key: 'email', label: t('common.email'), children: viewer.user.email },
                ...(viewer.providerRole
                  ? [
                      {
                        key: 'provider',
                        label: t('account.providerRole'),
                        children: <ProviderRoleTag role={viewer.providerRole} />,
                      },
                    ]
                  : []),
                ...(viewer.tenant && viewer.role
                  ? [
                      {
                        key: 'role',
                        label: t('account.roleIn', { tenant: viewer.tenant.name }),
                        children: <RoleTag role={viewer.role} />,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('account.changePassword')}>
            <Form<PasswordValues>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void submit(v)}
            >
              <Form.Item
                name="currentPassword"
                label={t('account.currentPassword')}
                rules={[{ required: true, message: t('validation.passwordRequired') }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('account.newPassword')}
                rules={passwordRules.newPassword}
                extra={t('account.passwordHelp')}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('account.confirmPassword')}
                dependencies={['newPassword']}
                rules={passwordRules.confirm('newPassword')}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={change.loading}>
                {t('account.changePassword')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
