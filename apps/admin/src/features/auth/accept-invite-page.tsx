import { LockOutlined, MailOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { AcceptInvitationMutation, InvitationQuery } from './documents';
import { ApiError, isApiError } from '../../api/errors';
import type { InvitationInfo } from './types';
import { applyServerIssues } from '../../components/form-errors';
import { useDocumentTitle } from '../../components/use-document-title';
import { useErrorText } from '../../i18n/error-text';
import { browserTimeZone, makeFormatters } from '../../i18n/format';
import { useSession } from '../../session/session-context';
import { AuthFrame } from './auth-frame';
import { usePasswordRules } from '../../components/password-rules';
import { NAME_MAX_LENGTH } from '../../api/limits';

interface AcceptValues {
  name: string;
  password: string;
  confirm: string;
}

export function AcceptInvitePage() {
  const { t, i18n } = useTranslation('auth');
  const passwordRules = usePasswordRules();
  const { token = '' } = useParams();
  const { manager, session } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [form] = Form.useForm<AcceptValues>();
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(t('invite.title'));

  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    manager
      .publicRequest(InvitationQuery, { token })
      .then((data) => !cancelled && setInfo(data.invitation))
      .catch((err: unknown) => !cancelled && setLoadError(err));
    return () => {
      cancelled = true;
    };
  }, [manager, token, attempt]);

  const submit = async (values: AcceptValues) => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const data = await manager.publicRequest(AcceptInvitationMutation, {
        token,
        name: values.name.trim(),
        password: values.password,
      });
      manager.signIn(data.acceptInvitation);
      void navigate('/', { replace: true });
    } catch (err) {
      if (isApiError(err, 'INVITATION_INVALID', 'INVITATION_EXPIRED')) setLoadError(err);
      else {
        setSubmitError(err);
        applyServerIssues(form, err);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const invalid =
    loadError instanceof ApiError &&
    (loadError.code === 'INVITATION_INVALID' ||
      loadError.code === 'INVITATION_EXPIRED' ||
      loadError.code === 'NOT_FOUND');
  const fmt = makeFormatters(i18n.language, browserTimeZone(), t('common.none'));
  const roleText = info?.role
    ? t(`enums.role.${info.role}`)
    : info?.providerRole
      ? t(`enums.providerRole.${info.providerRole}`)
      : '';

  let body;
  if (invalid) {
    body = (
      <Result
        status="warning"
        title={loadError.code === 'INVITATION_EXPIRED' ? t('invite.expiredTitle') : t('invite.invalidTitle')}
        subTitle={t('invite.invalidBody')}
        extra={
          <Link to="/login">
            <Button type="primary">{t('invite.goToSignIn')}</Button>
          </Link>
        }
        data-testid="invite-invalid"
      />
    );
  } else if (loadError) {
    body = (
      <Result
        status="error"
        title={t('states.errorTitle')}
        subTitle={errorText(loadError)}
        extra={
          <Button type="primary" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (!info) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else {
    body = (
      <>
        <Typography.Title level={3} className="auth-card-title">
          {t('invite.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {info.tenantName
            ? t('invite.subtitleTenant', { tenant: info.tenantName, role: roleText })
            : t('invite.subtitleProvider', { role: roleText })}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={1}
          bordered
          className="invite-facts"
          items={[
            {
              key: 'email',
              label: t('common.email'),
              children: <span data-testid="invite-email">{info.email}</span>,
            },
            ...(info.tenantName
              ? [{ key: 'tenant', label: t('invite.tenant'), children: info.tenantName }]
              : []),
            { key: 'role', label: t('common.role'), children: roleText },
            { key: 'expires', label: t('invite.expiresAt'), children: fmt.dateTime(info.expiresAt) },
          ]}
        />
        {session && session.viewer.user.email !== info.email ? (
          <Alert
            className="auth-alert"
            type="info"
            showIcon
            title={t('invite.signedInAs', { email: session.viewer.user.email })}
          />
        ) : null}
        {submitError ? (
          <Alert className="auth-alert" type="error" showIcon title={errorText(submitError)} />
        ) : null}
        <Form<AcceptValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
          size="large"
        >
          <Form.Item label={t('common.email')}>
            <Input prefix={<MailOutlined />} value={info.email} disabled />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('invite.name')}
            rules={[
              { required: true, whitespace: true, message: t('validation.nameRequired') },
              { max: NAME_MAX_LENGTH, message: t('validation.maxLength', { max: NAME_MAX_LENGTH }) },
            ]}
          >
            <Input prefix={<UserOutlined />} autoComplete="name" data-testid="invite-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('invite.password')}
            rules={passwordRules.newPassword}
            extra={t('invite.passwordHelp')}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="invite-password"
            />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('invite.confirmPassword')}
            dependencies={['password']}
            rules={passwordRules.confirm('password')}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="invite-confirm"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="invite-submit">
            {t('invite.accept')}
          </Button>
        </Form>
      </>
    );
  }

  return <AuthFrame>{body}</AuthFrame>;
}
