import { CloudServerOutlined, DatabaseOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Steps,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { OnboardTenantMutation } from './documents';
import { ApiError } from '../../api/errors';
import type { IsolationTier } from '../../api/schema-types';
import type { OnboardTenantResult, PlanLimits } from './types';
import { CopyText } from '../../components/copy-text';
import { applyServerIssues } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { SecretOnce } from '../../components/secret-once';
import { TierTag } from '../../components/tags';
import { useMutation } from '../../data/use-query';
import { useErrorText } from '../../i18n/error-text';
import { TENANT_LOCALES, allTimeZones, offsetLabel } from '../../data/time-zones';
import { useFormatters } from '../../i18n/format';
import { PLAN_PRESETS, PlanFields } from './plan-fields';

interface WizardValues {
  name: string;
  slug: string;
  tier: IsolationTier;
  plan: PlanLimits;
  locale: string;
  timeZone: string;
  adminEmail: string;
  adminName?: string;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

const STEP_FIELDS: (keyof WizardValues | [string, string])[][] = [
  ['name', 'slug'],
  ['tier'],
  [
    ['plan', 'seats'],
    ['plan', 'apiRatePerMinute'],
    ['plan', 'storageMb'],
  ],
  ['locale', 'timeZone'],
  ['adminEmail', 'adminName'],
];

function stepOfField(name: (string | number)[]): number {
  const head = String(name[0]);
  const index = STEP_FIELDS.findIndex((fields) => fields.some((f) => (Array.isArray(f) ? f[0] : f) === head));
  return index < 0 ? 0 : index;
}

/** A slug suggestion from a Latin brand name; Chinese names leave the slug to the admin. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

const INITIAL: Partial<WizardValues> = {
  tier: 'POOLED',
  plan: PLAN_PRESETS.business,
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
};

export function TenantOnboardPage() {
  const { t } = useTranslation('provider-tenants');
  const navigate = useNavigate();
  const fmt = useFormatters();
  const errorText = useErrorText();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [slugTouched, setSlugTouched] = useState(false);
  const [result, setResult] = useState<OnboardTenantResult | null>(null);
  const [keySaved, setKeySaved] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);
  const onboard = useMutation(OnboardTenantMutation);
  const zones = useMemo(
    () => allTimeZones().map((z) => ({ value: z, label: `${z}  (${offsetLabel(z)})` })),
    [],
  );
  const values = Form.useWatch([], form) as Partial<WizardValues> | undefined;

  const steps = [
    { key: 'brand', title: t('onboard.steps.brand') },
    { key: 'tier', title: t('onboard.steps.tier') },
    { key: 'plan', title: t('onboard.steps.plan') },
    { key: 'locale', title: t('onboard.steps.locale') },
    { key: 'admin', title: t('onboard.steps.admin') },
  ];

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step] as (string | string[])[]);
      setStep((s) => Math.min(s + 1, steps.length - 1));
    } catch {
      // the form shows what is missing
    }
  };

  const submit = async () => {
    setServerError(null);
    let all: WizardValues;
    try {
      all = await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) setStep(stepOfField(first.name));
      return;
    }
    try {
      const data = await onboard.run({
        input: {
          name: all.name.trim(),
          slug: all.slug.trim(),
          tier: all.tier,
          plan: all.plan,
          locale: all.locale,
          timeZone: all.timeZone,
          adminEmail: all.adminEmail.trim(),
          adminName: all.adminName?.trim() ? all.adminName.trim() : null,
        },
      });
      setResult(data.onboardTenant);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SLUG_TAKEN') {
        form.setFields([{ name: 'slug', errors: [t('errors.SLUG_TAKEN')] }]);
        setStep(0);
        return;
      }
      const marked = applyServerIssues(form, err);
      if (marked[0]) setStep(stepOfField(marked[0]));
      setServerError(err);
    }
  };

  if (result) {
    const inviteUrl = new URL(result.invitation.url, window.location.origin).toString();
    return (
      <>
        <PageHeader
          title={t('onboard.title')}
          crumbs={[{ title: t('nav.tenants'), to: '/provider/tenants' }, { title: t('onboard.title') }]}
        />
        <Card data-testid="onboard-result">
          <Result
            status="success"
            title={t('onboard.result.title', { name: result.tenant.name })}
            subTitle={t('onboard.result.subtitle', { slug: result.tenant.slug })}
          />
          <Row gutter={[24, 24]} className="onboard-result-grid">
            <Col xs={24} lg={12}>
              <Card type="inner" title={t('onboard.result.inviteTitle')}>
                <Typography.Paragraph type="secondary">
                  {t('onboard.result.inviteBody', {
                    email: result.invitation.email,
                    expires: fmt.dateTime(result.invitation.expiresAt),
                  })}
                </Typography.Paragraph>
                <CopyText value={inviteUrl} testId="invite-url" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card type="inner" title={t('onboard.result.keyTitle')}>
                <Typography.Paragraph type="secondary">
                  {t('onboard.result.keyBody', {
                    name: result.apiKey.apiKey.name,
                    prefix: result.apiKey.apiKey.prefix,
                  })}
                </Typography.Paragraph>
                <SecretOnce
                  secret={result.apiKey.secret}
                  testId="onboard-api-key"
                  onCopied={() => setKeySaved(true)}
                />
                <Checkbox
                  className="ack-check"
                  checked={keySaved}
                  onChange={(e) => setKeySaved(e.target.checked)}
                  data-testid="ack-key-saved"
                >
                  {t('secret.acknowledge')}
                </Checkbox>
              </Card>
            </Col>
          </Row>
          <Flex justify="center" gap={12} className="onboard-result-actions">
            <Button
              type="primary"
              disabled={!keySaved}
              onClick={() => void navigate(`/provider/tenants/${result.tenant.id}`)}
              data-testid="onboard-go-tenant"
            >
              {t('onboard.result.viewTenant')}
            </Button>
            <Button
              disabled={!keySaved}
              onClick={() => {
                form.resetFields();
                setSlugTouched(false);
                setKeySaved(false);
                setResult(null);
                setStep(0);
              }}
              data-testid="onboard-another"
            >
              {t('onboard.result.another')}
            </Button>
          </Flex>
        </Card>
      </>
    );
  }

  const tierChoice = (tier: IsolationTier, icon: ReactNode) => (
    <Radio value={tier} className="choice-card" data-testid={`tier-${tier}`}>
      <Flex gap={12} align="flex-start">
        <span className="choice-icon">{icon}</span>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t(`enums.tier.${tier}`)}</Typography.Text>
          <Typography.Text type="secondary">{t(`onboard.tier.${tier}`)}</Typography.Text>
        </Flex>
      </Flex>
    </Radio>
  );

  return (
    <>
      <PageHeader
        title={t('onboard.title')}
        subtitle={t('onboard.subtitle')}
        crumbs={[{ title: t('nav.tenants'), to: '/provider/tenants' }, { title: t('onboard.title') }]}
      />
      <Card>
        <Steps
          current={step}
          items={steps}
          className="wizard-steps"
          onChange={(s) => s < step && setStep(s)}
        />
        {serverError ? (
          <Alert className="wizard-error" type="error" showIcon closable title={errorText(serverError)} />
        ) : null}
        <Form<WizardValues>
          form={form}
          layout="vertical"
          initialValues={INITIAL}
          requiredMark="optional"
          className="wizard-form"
          onValuesChange={(changed: Partial<WizardValues>) => {
            if (changed.name !== undefined && !slugTouched) form.setFieldValue('slug', slugify(changed.name));
            if (changed.slug !== undefined) setSlugTouched(true);
          }}
        >
          <div hidden={step !== 0}>
            <Typography.Title level={5}>{t('onboard.brandTitle')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="name"
                  label={t('onboard.name')}
                  rules={[
                    { required: true, whitespace: true, message: t('validation.required') },
                    { max: 80, message: t('validation.maxLength', { max: 80 }) },
                  ]}
                >
                  <Input placeholder={t('onboard.namePlaceholder')} data-testid="onboard-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="slug"
                  label={t('onboard.slug')}
                  extra={t('onboard.slugHelp')}
                  rules={[
                    { required: true, message: t('validation.required') },
                    { pattern: SLUG_PATTERN, message: t('validation.slug') },
                  ]}
                >
                  <Input className="mono" placeholder="acme-bank" maxLength={40} data-testid="onboard-slug" />
                </Form.Item>
              </Col>
            </Row>
          </div>
          <div hidden={step !== 1}>
            <Typography.Title level={5}>{t('onboard.tierTitle')}</Typography.Title>
            <Form.Item name="tier" rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group className="choice-group">
                {tierChoice('POOLED', <CloudServerOutlined />)}
                {tierChoice('SILOED', <DatabaseOutlined />)}
              </Radio.Group>
            </Form.Item>
            <Alert type="info" showIcon title={t('onboard.tierNote')} />
          </div>
          <div hidden={step !== 2}>
            <Flex justify="space-between" align="center" wrap gap={8} className="wizard-section-head">
              <Typography.Title level={5} className="wizard-section-title">
                {t('onboard.planTitle')}
              </Typography.Title>
              <Space wrap>
                <Typography.Text type="secondary">{t('plan.presets')}</Typography.Text>
                {(Object.keys(PLAN_PRESETS) as (keyof typeof PLAN_PRESETS)[]).map((preset) => (
                  <Button
                    key={preset}
                    size="small"
                    onClick={() => form.setFieldValue('plan', PLAN_PRESETS[preset])}
                    data-testid={`preset-${preset}`}
                  >
                    {t(`plan.preset.${preset}`)}
                  </Button>
                ))}
              </Space>
            </Flex>
            <PlanFields prefix={['plan']} />
          </div>
          <div hidden={step !== 3}>
            <Typography.Title level={5}>{t('onboard.localeTitle')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="locale"
                  label={t('onboard.locale')}
                  extra={t('onboard.localeHelp')}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <Select
                    data-testid="onboard-locale"
                    options={TENANT_LOCALES.map((l) => ({ value: l, label: t(`enums.locale.${l}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="timeZone"
                  label={t('onboard.timeZone')}
                  extra={t('onboard.timeZoneHelp')}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={zones}
                    data-testid="onboard-time-zone"
                  />
                </Form.Item>
              </Col>
            </Row>
          </div>
          <div hidden={step !== 4}>
            <Typography.Title level={5}>{t('onboard.adminTitle')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="adminEmail"
                  label={t('onboard.adminEmail')}
                  extra={t('onboard.adminEmailHelp')}
                  rules={[
                    { required: true, message: t('validation.emailRequired') },
                    { type: 'email', message: t('validation.emailInvalid') },
                  ]}
                >
                  <Input placeholder="admin@brand.com" data-testid="onboard-admin-email" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="adminName"
                  label={t('onboard.adminName')}
                  rules={[{ max: 80, message: t('validation.maxLength', { max: 80 }) }]}
                >
                  <Input data-testid="onboard-admin-name" />
                </Form.Item>
              </Col>
            </Row>
            <Descriptions
              title={t('onboard.review')}
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'name', label: t('onboard.name'), children: values?.name ?? '' },
                {
                  key: 'slug',
                  label: t('onboard.slug'),
                  children: <span className="mono">{values?.slug ?? ''}</span>,
                },
                {
                  key: 'tier',
                  label: t('onboard.steps.tier'),
                  children: values?.tier ? <TierTag tier={values.tier} /> : null,
                },
                {
                  key: 'plan',
                  label: t('onboard.steps.plan'),
                  children: values?.plan
                    ? t('plan.summary', {
                        seats: fmt.number(values.plan.seats ?? 0),
                        rate: fmt.number(values.plan.apiRatePerMinute ?? 0),
                        storage: fmt.storage(values.plan.storageMb ?? 0),
                      })
                    : null,
                },
                {
                  key: 'locale',
                  label: t('onboard.locale'),
                  children: values?.locale
                    ? t(`enums.locale.${values.locale === 'en' ? 'en' : 'zh-CN'}`)
                    : '',
                },
                { key: 'tz', label: t('onboard.timeZone'), children: values?.timeZone ?? '' },
              ]}
            />
          </div>
        </Form>
        <Flex justify="space-between" className="wizard-actions">
          <Button onClick={() => (step === 0 ? void navigate('/provider/tenants') : setStep((s) => s - 1))}>
            {step === 0 ? t('common.cancel') : t('common.previous')}
          </Button>
          {step < steps.length - 1 ? (
            <Button type="primary" onClick={() => void next()} data-testid="wizard-next">
              {t('common.next')}
            </Button>
          ) : (
            <Button
              type="primary"
              loading={onboard.loading}
              onClick={() => void submit()}
              data-testid="wizard-submit"
            >
              {t('onboard.submit')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
