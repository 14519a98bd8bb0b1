import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginMutation } from './documents';
import { useDocumentTitle } from '../../components/use-document-title';
import { useErrorText } from '../../i18n/error-text';
import { useSession } from '../../session/session-context';
import type { EndReason } from '../../session/session-manager';
import { AuthFrame } from './auth-frame';

interface LoginValues {
  email: string;
  password: string;
}

function fromOf(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login')
      return from;
  }
  return '/';
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const { session, manager } = useSession();
  const errorText = useErrorText();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<LoginValues>();
  const [endReason] = useState<EndReason | null>(() => manager.takeEndReason());
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  useDocumentTitle(t('auth.signInTitle'));

  if (session) return <Navigate to={fromOf(location.state)} replace />;

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const data = await manager.publicRequest(LoginMutation, {
        email: values.email.trim(),
        password: values.password,
      });
      manager.signIn(data.login);
      void navigate(fromOf(location.state), { replace: true });
    } catch (err) {
      setError(err);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthFrame>
      <Typography.Title level={3} className="auth-card-title">
        {t('auth.signInTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.signInSubtitle')}</Typography.Paragraph>
      {endReason && endReason !== 'signed_out' ? (
        <Alert
          className="auth-alert"
          type={endReason === 'tenant_suspended' || endReason === 'access_removed' ? 'error' : 'warning'}
          showIcon
          title={t(`auth.endReason.${endReason}`)}
          data-testid="session-ended"
        />
      ) : null}
      {endReason === 'signed_out' ? (
        <Alert
          className="auth-alert"
          type="success"
          showIcon
          title={t('auth.endReason.signed_out')}
          data-testid="session-ended"
        />
      ) : null}
      {error ? (
        <Alert
          className="auth-alert"
          type="error"
          showIcon
          title={errorText(error)}
          data-testid="login-error"
        />
      ) : null}
      <Form<LoginValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        size="large"
      >
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[
            { required: true, message: t('validation.emailRequired') },
            { type: 'email', message: t('validation.emailInvalid') },
          ]}
        >
          <Input
            prefix={<MailOutlined />}
            autoComplete="username"
            placeholder="name@company.com"
            data-testid="login-email"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          {t('auth.signIn')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" className="auth-hint">
        {t('auth.hint')}
      </Typography.Paragraph>
    </AuthFrame>
  );
}
