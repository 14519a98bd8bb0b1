import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryTable } from '../../components/query-table';
import { RefreshButton } from '../../components/table-toolbar';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import {
  DeleteCustomFieldMutation,
  TicketAdminCustomFieldsQuery,
  UpdateCustomFieldMutation,
} from './documents';
import { MAX_FIELDS, nextPosition, reorder } from './field-rules';
import { FieldModal, type FieldModalMode } from './field-modal';
import { type CustomField, fieldName } from './types';

/** How many option tags a row shows before "+n". */
const OPTIONS_SHOWN = 4;

/** The tenant's custom field definitions in their order, with add, edit, reorder and delete. */
export function FieldsTab() {
  const { t, i18n } = useTranslation('tenant-ticket-settings');
  const { modal } = App.useApp();
  const feedback = useFeedback();
  const state = useQuery(TicketAdminCustomFieldsQuery, {});
  const update = useMutation(UpdateCustomFieldMutation);
  const remove = useMutation(DeleteCustomFieldMutation);
  const [editing, setEditing] = useState<FieldModalMode | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  // the API sorts by position, then key
  const fields = state.data?.ticketCustomFields ?? [];
  const atLimit = fields.length >= MAX_FIELDS;
  const lang = i18n.language;

  const move = async (index: number, delta: -1 | 1) => {
    const changes = reorder(fields, index, delta);
    if (changes.length === 0) return;
    setMoving(fields[index]?.id ?? null);
    try {
      for (const change of changes) {
        await update.run({ id: change.id, input: { position: change.position } });
      }
      feedback.success(t('ticketAdmin.fields.reordered'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setMoving(null);
      state.refetch();
    }
  };

  const confirmDelete = (field: CustomField) => {
    const name = fieldName(field, lang);
    modal.confirm({
      title: t('ticketAdmin.fields.deleteTitle', { name }),
      content: t('ticketAdmin.fields.deleteBody', { key: field.key }),
      okText: t('ticketAdmin.fields.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      icon: <ExclamationCircleOutlined />,
      onOk: async () => {
        try {
          await remove.run({ id: field.id });
          feedback.success(t('ticketAdmin.fields.deleted', { name }));
        } catch (err) {
          feedback.error(err);
        } finally {
          state.refetch();
        }
      },
    });
  };

  const openCreate = () =>
    setEditing({ kind: 'create', position: nextPosition(fields.map((f) => f.position)) });

  return (
    <Card>
      <Flex className="table-toolbar" justify="space-between" align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t('ticketAdmin.fields.intro')}</Typography.Text>
        <Flex gap={12} align="center">
          {state.data ? (
            <Typography.Text type={atLimit ? 'warning' : 'secondary'} data-testid="fields-used">
              {t('ticketAdmin.fields.usedOf', { used: fields.length, max: MAX_FIELDS })}
            </Typography.Text>
          ) : null}
          <RefreshButton onClick={state.refetch} />
          <Tooltip title={atLimit ? t('ticketAdmin.fields.limitReached', { max: MAX_FIELDS }) : undefined}>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={atLimit || !state.data}
              onClick={openCreate}
              data-testid="create-field"
            >
              {t('ticketAdmin.fields.create')}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
      <QueryTable<CustomField>
        state={state}
        empty={
          <Flex vertical gap={4}>
            <span>{t('ticketAdmin.fields.empty')}</span>
            <Typography.Text type="secondary">{t('ticketAdmin.fields.emptyHelp')}</Typography.Text>
          </Flex>
        }
        emptyAction={
          <Button type="primary" onClick={openCreate}>
            {t('ticketAdmin.fields.create')}
          </Button>
        }
        rowKey="id"
        dataSource={fields}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="fields-table"
        columns={[
          {
            title: t('ticketAdmin.fields.col.order'),
            key: 'order',
            width: 96,
            render: (_v, row, index) => {
              const name = fieldName(row, lang);
              return (
                <Flex gap={2}>
                  <Tooltip title={t('ticketAdmin.fields.moveUp', { name })}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0 || moving !== null}
                      loading={moving === row.id}
                      onClick={() => void move(index, -1)}
                      aria-label={t('ticketAdmin.fields.moveUp', { name })}
                      data-testid="field-up"
                    />
                  </Tooltip>
                  <Tooltip title={t('ticketAdmin.fields.moveDown', { name })}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={index === fields.length - 1 || moving !== null}
                      onClick={() => void move(index, 1)}
                      aria-label={t('ticketAdmin.fields.moveDown', { name })}
                      data-testid="field-down"
                    />
                  </Tooltip>
                </Flex>
              );
            },
          },
          {
            title: t('ticketAdmin.fields.col.name'),
            key: 'name',
            render: (_v, row) => (
              <Flex vertical gap={2}>
                <Typography.Text strong data-testid="field-name">
                  {fieldName(row, lang)}
                </Typography.Text>
                <Typography.Text type="secondary" className="small">
                  {fieldName(row, lang === 'en' ? 'zh-CN' : 'en')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('ticketAdmin.fields.col.key'),
            dataIndex: 'key',
            width: 180,
            render: (key: string) => (
              <Typography.Text className="mono" data-testid="field-key-cell">
                {key}
              </Typography.Text>
            ),
          },
          {
            title: t('ticketAdmin.fields.col.type'),
            dataIndex: 'type',
            width: 130,
            render: (type: CustomField['type']) => (
              <span data-testid="field-type-cell">{t(`ticketAdmin.fields.type.${type}`)}</span>
            ),
          },
          {
            title: t('ticketAdmin.fields.col.requiredOnSolve'),
            dataIndex: 'requiredOnSolve',
            width: 130,
            render: (required: boolean) =>
              required ? (
                <Tag color="orange" data-testid="field-required-cell">
                  {t('ticketAdmin.fields.yes')}
                </Tag>
              ) : (
                <Typography.Text type="secondary" data-testid="field-required-cell">
                  {t('ticketAdmin.fields.no')}
                </Typography.Text>
              ),
          },
          {
            title: t('ticketAdmin.fields.col.options'),
            key: 'options',
            width: 260,
            render: (_v, row) =>
              row.options.length === 0 ? (
                <Typography.Text type="secondary">{t('ticketAdmin.fields.noOptions')}</Typography.Text>
              ) : (
                <Flex gap={4} wrap data-testid="field-options-cell">
                  {row.options.slice(0, OPTIONS_SHOWN).map((o) => (
                    <Tooltip key={o.value} title={o.value}>
                      <Tag>{fieldName(o, lang)}</Tag>
                    </Tooltip>
                  ))}
                  {row.options.length > OPTIONS_SHOWN ? (
                    <Tooltip
                      title={row.options
                        .slice(OPTIONS_SHOWN)
                        .map((o) => fieldName(o, lang))
                        .join(', ')}
                    >
                      <Typography.Text type="secondary" className="small">
                        {t('ticketAdmin.fields.moreOptions', { more: row.options.length - OPTIONS_SHOWN })}
                      </Typography.Text>
                    </Tooltip>
                  ) : null}
                </Flex>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: 'right',
            render: (_v, row) => (
              <Flex gap={4}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing({ kind: 'edit', field: row })}
                  data-testid="field-edit"
                >
                  {t('ticketAdmin.fields.edit')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => confirmDelete(row)}
                  data-testid="field-delete"
                >
                  {t('ticketAdmin.fields.delete')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <FieldModal
        mode={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          state.refetch();
        }}
      />
    </Card>
  );
}
