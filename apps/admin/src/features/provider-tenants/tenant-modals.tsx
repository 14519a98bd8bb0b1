import { Alert, Button, Flex, Form, Input, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadExport } from '../../api/download';
import {
  OffboardTenantMutation,
  RotateTenantApiKeysMutation,
  SuspendTenantMutation,
  UpdateTenantPlanMutation,
} from './documents';
import { isApiError } from '../../api/errors';
import type { IssuedKey, OffboardTenantResult, PlanLimits, Tenant } from './types';
import { applyServerIssues } from '../../components/form-errors';
import { ModalFooter } from '../../components/modal-footer';
import { SecretOnce } from '../../components/secret-once';
import { useFeedback } from '../../components/use-feedback';
import { useMutation } from '../../data/use-query';
import { useErrorText } from '../../i18n/error-text';
import { useFormatters } from '../../i18n/format';
import { useSession } from '../../session/session-context';
import { PlanFields } from './plan-fields';

interface ModalProps {
  tenant: Tenant;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

export function SuspendTenantModal({ tenant, open, onClose, onDone }: ModalProps) {
  const { t } = useTranslation('provider-tenants');
  const [form] = Form.useForm<{ reason: string }>();
  const suspend = useMutation(SuspendTenantMutation);
  const feedback = useFeedback();
  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      await suspend.run({ id: tenant.id, reason: reason.trim() });
      feedback.success(t('tenantDetail.suspended', { name: tenant.name }));
      form.resetFields();
      onDone();
    } catch (err) {
      applyServerIssues(form, err);
      feedback.error(err);
    }
  };
  return (
    <Modal
      open={open}
      title={t('tenantDetail.suspendTitle', { name: tenant.name })}
      onCancel={onClose}
      footer={
        <ModalFooter
          onClose={onClose}
          action={t('tenantDetail.suspend')}
          onAction={submit}
          loading={suspend.loading}
          danger
          actionTestId="suspend-confirm"
        />
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('tenantDetail.suspendWarning')} className="modal-alert" />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('tenantDetail.suspendReason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.reasonRequired') },
            { max: 500, message: t('validation.maxLength', { max: 500 }) },
          ]}
        >
          <Input.TextArea
            rows={3}
            showCount
            maxLength={500}
            placeholder={t('tenantDetail.suspendReasonPlaceholder')}
            data-testid="suspend-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PlanModal({ tenant, open, onClose, onDone }: ModalProps) {
  const { t } = useTranslation('provider-tenants');
  const [form] = Form.useForm<{ plan: PlanLimits }>();
  const update = useMutation(UpdateTenantPlanMutation);
  const feedback = useFeedback();
  const submit = async () => {
    const { plan } = await form.validateFields();
    try {
      await update.run({ id: tenant.id, plan });
      feedback.success(t('tenantDetail.planSaved'));
      onDone();
    } catch (err) {
      applyServerIssues(form, err, (path) => ['plan', ...path.replace(/^(input\.)?plan\./, '').split('.')]);
      feedback.error(err);
    }
  };
  return (
    <Modal
      open={open}
      width={720}
      title={t('tenantDetail.planTitle', { name: tenant.name })}
      okText={t('common.save')}
      okButtonProps={{ loading: update.loading }}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ plan: tenant.plan }}
        requiredMark={false}
        preserve={false}
      >
        <PlanFields prefix={['plan']} />
      </Form>
    </Modal>
  );
}

export function RotateKeysModal({ tenant, open, onClose }: Omit<ModalProps, 'onDone'>) {
  const { t } = useTranslation('provider-tenants');
  const rotate = useMutation(RotateTenantApiKeysMutation);
  const feedback = useFeedback();
  const [issued, setIssued] = useState<IssuedKey[] | null>(null);
  const close = () => {
    setIssued(null);
    onClose();
  };
  const run = async () => {
    try {
      const data = await rotate.run({ tenantId: tenant.id });
      setIssued(data.rotateTenantApiKeys);
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <Modal
      open={open}
      width={680}
      title={t('tenantDetail.rotateTitle', { name: tenant.name })}
      onCancel={close}
      mask={{ closable: issued === null }}
      destroyOnHidden
      footer={
        <ModalFooter
          done={issued !== null}
          onClose={close}
          action={t('tenantDetail.rotate')}
          onAction={run}
          loading={rotate.loading}
          danger
          actionTestId="rotate-confirm"
          doneTestId="rotate-done"
        />
      }
    >
      {issued === null ? (
        <Alert type="warning" showIcon title={t('tenantDetail.rotateWarning')} />
      ) : issued.length === 0 ? (
        <Result status="info" title={t('tenantDetail.rotateNone')} />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text>{t('tenantDetail.rotateDone', { n: issued.length })}</Typography.Text>
          {issued.map((k) => (
            <div key={k.apiKey.id}>
              <SecretOnce secret={k.secret} label={`${k.apiKey.name} (${k.apiKey.prefix})`} />
            </div>
          ))}
        </Flex>
      )}
    </Modal>
  );
}

export function OffboardModal({ tenant, open, onClose, onDone }: ModalProps) {
  const { t } = useTranslation('provider-tenants');
  const { manager } = useSession();
  const offboard = useMutation(OffboardTenantMutation);
  const feedback = useFeedback();
  const errorText = useErrorText();
  const fmt = useFormatters();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<OffboardTenantResult | null>(null);
  const [downloading, setDownloading] = useState(false);
  const matches = typed.trim() === tenant.slug;

  const close = () => {
    setTyped('');
    setError(null);
    if (done) onDone();
    setDone(null);
    onClose();
  };

  const run = async () => {
    setError(null);
    try {
      const data = await offboard.run({ id: tenant.id, confirmSlug: typed.trim() });
      setDone(data.offboardTenant);
    } catch (err) {
      setError(err);
      if (!isApiError(err, 'CONFIRMATION_MISMATCH')) feedback.error(err);
    }
  };

  const download = async () => {
    if (!done) return;
    setDownloading(true);
    try {
      await downloadExport(done.exportId, await manager.accessToken());
    } catch (err) {
      feedback.error(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Modal
      open={open}
      width={600}
      title={t('tenantDetail.offboardTitle', { name: tenant.name })}
      onCancel={close}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <ModalFooter
          done={done !== null}
          onClose={close}
          action={t('tenantDetail.offboardConfirm')}
          onAction={run}
          loading={offboard.loading}
          danger
          disabled={!matches}
          actionTestId="offboard-confirm"
          doneTestId="offboard-done"
        />
      }
    >
      {done ? (
        <Result
          status="success"
          data-testid="offboard-result"
          title={t('tenantDetail.offboarded', { name: tenant.name })}
          subTitle={t('tenantDetail.offboardedBody', {
            documents: fmt.number(done.exportedDocuments),
            id: done.exportId,
          })}
          extra={
            <Button
              type="primary"
              loading={downloading}
              onClick={() => void download()}
              data-testid="download-export"
            >
              {t('tenantDetail.downloadExport')}
            </Button>
          }
        />
      ) : (
        <Flex vertical gap={16}>
          <Alert
            type="error"
            showIcon
            title={t('tenantDetail.offboardWarningTitle')}
            description={t('tenantDetail.offboardWarning')}
          />
          <Typography.Text>
            {t('tenantDetail.offboardTypeSlug')}{' '}
            <Typography.Text code copyable={false}>
              {tenant.slug}
            </Typography.Text>
          </Typography.Text>
          <Input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={tenant.slug}
            className="mono"
            status={error && isApiError(error, 'CONFIRMATION_MISMATCH') ? 'error' : undefined}
            data-testid="offboard-slug"
            autoComplete="off"
          />
          {error && isApiError(error, 'CONFIRMATION_MISMATCH') ? (
            <Typography.Text type="danger">{errorText(error)}</Typography.Text>
          ) : null}
        </Flex>
      )}
    </Modal>
  );
}
