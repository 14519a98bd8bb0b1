import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Checkbox, Flex, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from './documents';
import { API_SCOPES, type ApiScope } from '../../api/schema-types';
import type { ApiKey, CreatedApiKey } from './types';
import { applyServerIssues } from '../../components/form-errors';
import { ModalFooter } from '../../components/modal-footer';
import { PageHeader } from '../../components/page-header';
import { QueryTable } from '../../components/query-table';
import { SecretOnce } from '../../components/secret-once';
import { RefreshButton } from '../../components/table-toolbar';
import { ScopeTag } from '../../components/tags';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';

function CreateKeyModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation('tenant-api-keys');
  const [form] = Form.useForm<{ name: string; scopes: ApiScope[] }>();
  const create = useMutation(CreateApiKeyMutation);
  const feedback = useFeedback();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [saved, setSaved] = useState(false);
  const close = () => {
    setCreated(null);
    setSaved(false);
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const data = await create.run({ name: values.name.trim(), scopes: values.scopes });
      setCreated(data.createApiKey);
      onCreated();
    } catch (err) {
      if (applyServerIssues(form, err).length === 0) feedback.error(err);
    }
  };
  return (
    <Modal
      open={open}
      width={640}
      title={created ? t('apiKeys.createdTitle') : t('apiKeys.createTitle')}
      onCancel={created && !saved ? undefined : close}
      closable={!created || saved}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <ModalFooter
          done={created !== null}
          onClose={close}
          action={t('apiKeys.create')}
          onAction={submit}
          loading={create.loading}
          actionTestId="api-key-submit"
          doneDisabled={!saved}
          doneTestId="api-key-done"
        />
      }
    >
      {created ? (
        <Flex vertical gap={12}>
          <Typography.Text>{t('apiKeys.createdBody', { name: created.apiKey.name })}</Typography.Text>
          <SecretOnce secret={created.secret} testId="api-key-secret" onCopied={() => setSaved(true)} />
          <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="api-key-ack">
            {t('secret.acknowledge')}
          </Checkbox>
        </Flex>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ scopes: ['TENANT_READ'] }}
          requiredMark={false}
          preserve={false}
        >
          <Form.Item
            name="name"
            label={t('apiKeys.name')}
            extra={t('apiKeys.nameHelp')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 64, message: t('validation.maxLength', { max: 64 }) },
            ]}
          >
            <Input placeholder={t('apiKeys.namePlaceholder')} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('apiKeys.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.scopesRequired') }]}
          >
            <Checkbox.Group className="scope-group">
              <Flex vertical gap={8}>
                {API_SCOPES.map((scope) => (
                  <Checkbox key={scope} value={scope} data-testid={`scope-${scope}`}>
                    <Typography.Text strong>{t(`enums.scope.${scope}`)}</Typography.Text>
                    <Typography.Text type="secondary" className="scope-desc">
                      {' '}
                      — {t(`apiKeys.scopeHelp.${scope}`)}
                    </Typography.Text>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function TenantApiKeysPage() {
  const { t } = useTranslation('tenant-api-keys');
  const fmt = useFormatters();
  const feedback = useFeedback();
  const state = useQuery(ApiKeysQuery, {});
  const revoke = useMutation(RevokeApiKeyMutation);
  const [creating, setCreating] = useState(false);
  const keys = state.data?.apiKeys ?? [];
  const sorted = [...keys].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );

  const revokeKey = async (key: ApiKey) => {
    try {
      await revoke.run({ id: key.id });
      feedback.success(t('apiKeys.revoked', { name: key.name }));
      state.refetch();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-api-key"
          >
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Card>
        <Flex className="table-toolbar" justify="space-between" align="center">
          <Typography.Text type="secondary">
            <KeyOutlined /> {t('apiKeys.usage')}
          </Typography.Text>
          <RefreshButton onClick={state.refetch} />
        </Flex>
        <QueryTable<ApiKey>
          state={state}
          empty={t('apiKeys.empty')}
          emptyAction={
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('apiKeys.create')}
            </Button>
          }
          rowKey="id"
          dataSource={sorted}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="api-keys-table"
          rowClassName={(row) => (row.revokedAt ? 'row-muted' : '')}
          columns={[
            {
              title: t('apiKeys.name'),
              dataIndex: 'name',
              width: 200,
              render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
            },
            {
              title: t('apiKeys.prefix'),
              dataIndex: 'prefix',
              width: 200,
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('apiKeys.scopes'),
              dataIndex: 'scopes',
              render: (scopes: ApiScope[]) => (
                <Flex gap={4} wrap>
                  {scopes.map((s) => (
                    <ScopeTag key={s} scope={s} />
                  ))}
                </Flex>
              ),
            },
            {
              title: t('common.status'),
              key: 'status',
              width: 110,
              render: (_v, row) =>
                row.revokedAt ? (
                  <Badge status="default" text={t('apiKeys.statusRevoked')} />
                ) : (
                  <Badge status="success" text={t('apiKeys.statusActive')} />
                ),
            },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              width: 190,
              className: 'col-time',
              render: (v: string) => fmt.dateTime(v),
            },
            {
              title: t('apiKeys.lastUsed'),
              dataIndex: 'lastUsedAt',
              width: 190,
              className: 'col-time',
              render: (v: string | null) =>
                v ? (
                  fmt.dateTime(v)
                ) : (
                  <Typography.Text type="secondary">{t('apiKeys.neverUsed')}</Typography.Text>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              fixed: 'right',
              render: (_v, row) =>
                row.revokedAt ? (
                  <Typography.Text type="secondary" className="small">
                    {fmt.date(row.revokedAt)}
                  </Typography.Text>
                ) : (
                  <Popconfirm
                    title={t('apiKeys.revokeConfirm', { name: row.name })}
                    description={t('apiKeys.revokeHelp')}
                    okText={t('apiKeys.revoke')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revokeKey(row)}
                  >
                    <Button type="link" danger size="small">
                      {t('apiKeys.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <CreateKeyModal open={creating} onClose={() => setCreating(false)} onCreated={state.refetch} />
    </>
  );
}
