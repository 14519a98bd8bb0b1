import { DeleteOutlined, ExclamationCircleOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryTable } from '../../components/query-table';
import { RefreshButton } from '../../components/table-toolbar';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { MAX_CALENDARS, dateCounts } from './calendar-rules';
import { CreateCalendarModal } from './calendar-modals';
import {
  BusinessCalendarsQuery,
  DeleteBusinessCalendarMutation,
  UpdateBusinessCalendarMutation,
} from './documents';
import type { BusinessCalendar } from './types';
import { useCanEditCalendars, useTenantZone } from './use-calendar-role';

export function CalendarsPage() {
  const { t } = useTranslation('tenant-business-hours');
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const canEdit = useCanEditCalendars();
  const tenantZone = useTenantZone();
  const state = useQuery(BusinessCalendarsQuery, {});
  const update = useMutation(UpdateBusinessCalendarMutation);
  const remove = useMutation(DeleteBusinessCalendarMutation);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const calendars = [...(state.data?.businessCalendars ?? [])].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name),
  );
  const atLimit = calendars.length >= MAX_CALENDARS;

  const makeDefault = async (calendar: BusinessCalendar) => {
    setPending(calendar.id);
    try {
      await update.run({ id: calendar.id, version: calendar.version, input: { isDefault: true } });
      feedback.success(t('businessHours.list.madeDefault', { name: calendar.name }));
    } catch (err) {
      feedback.error(err);
    } finally {
      setPending(null);
      state.refetch();
    }
  };

  const confirmDelete = (calendar: BusinessCalendar) => {
    modal.confirm({
      title: t('businessHours.list.deleteTitle', { name: calendar.name }),
      content: t('businessHours.list.deleteBody'),
      okText: t('businessHours.list.delete'),
      okButtonProps: { danger: true, 'data-testid': 'calendar-delete-confirm' },
      cancelText: t('common.cancel'),
      icon: <ExclamationCircleOutlined />,
      onOk: async () => {
        try {
          await remove.run({ id: calendar.id });
          feedback.success(t('businessHours.list.deleted'));
        } catch (err) {
          feedback.error(err);
        } finally {
          state.refetch();
        }
      },
    });
  };

  const createButton = canEdit ? (
    <Tooltip title={atLimit ? t('businessHours.list.limitReached', { max: MAX_CALENDARS }) : undefined}>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        disabled={atLimit}
        onClick={() => setCreating(true)}
        data-testid="create-calendar"
      >
        {t('businessHours.list.create')}
      </Button>
    </Tooltip>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('businessHours.list.title')}
        subtitle={t('businessHours.list.subtitle')}
        extra={createButton}
      />
      <Card>
        <Flex className="table-toolbar" justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary">
            {canEdit ? null : t('businessHours.list.readOnly')}
          </Typography.Text>
          <Flex gap={12} align="center">
            {state.data ? (
              <Typography.Text type={atLimit ? 'warning' : 'secondary'} data-testid="calendars-used">
                {t('businessHours.list.usedOf', { used: calendars.length, max: MAX_CALENDARS })}
              </Typography.Text>
            ) : null}
            <RefreshButton onClick={state.refetch} />
          </Flex>
        </Flex>
        <QueryTable<BusinessCalendar>
          state={state}
          empty={
            <Flex vertical gap={4}>
              <span>{t('businessHours.list.empty')}</span>
              <Typography.Text type="secondary">{t('businessHours.list.emptyHelp')}</Typography.Text>
            </Flex>
          }
          emptyAction={
            canEdit ? (
              <Button type="primary" onClick={() => setCreating(true)}>
                {t('businessHours.list.create')}
              </Button>
            ) : undefined
          }
          rowKey="id"
          dataSource={calendars}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="calendars-table"
          columns={[
            {
              title: t('businessHours.list.col.name'),
              key: 'name',
              render: (_v, row) => (
                <Flex gap={8} align="center" wrap>
                  <Link to={`/tenant/business-hours/${row.id}`} data-testid="calendar-link">
                    {row.name}
                  </Link>
                  {row.isDefault ? (
                    <Tag color="gold" data-testid="calendar-default-tag">
                      {t('businessHours.list.default')}
                    </Tag>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('businessHours.list.col.zone'),
              dataIndex: 'timeZone',
              width: 180,
              render: (zone: string) => <span className="mono">{zone}</span>,
            },
            {
              title: t('businessHours.list.col.dates'),
              key: 'dates',
              width: 200,
              render: (_v, row) => t('businessHours.list.counts', dateCounts(row)),
            },
            {
              title: t('businessHours.list.col.imports'),
              key: 'imports',
              width: 240,
              render: (_v, row) =>
                row.imports.length === 0 ? (
                  <Typography.Text type="secondary">{t('businessHours.list.noImports')}</Typography.Text>
                ) : (
                  <Flex gap={4} wrap>
                    {[...row.imports]
                      .sort((a, b) => a.year - b.year)
                      .map((i) => (
                        <Tag key={i.year}>
                          {t('businessHours.list.importedYear', { year: i.year, version: i.dataVersion })}
                        </Tag>
                      ))}
                  </Flex>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 240,
              fixed: 'right',
              render: (_v, row) => (
                <Flex gap={4} align="center" wrap>
                  <Link to={`/tenant/business-hours/${row.id}`}>{t('businessHours.list.open')}</Link>
                  {canEdit && !row.isDefault ? (
                    <Button
                      type="link"
                      size="small"
                      icon={<StarOutlined />}
                      loading={pending === row.id}
                      onClick={() => void makeDefault(row)}
                      data-testid="calendar-row-default"
                    >
                      {t('businessHours.list.makeDefault')}
                    </Button>
                  ) : null}
                  {canEdit ? (
                    <>
                      <Tooltip title={row.isDefault ? t('businessHours.list.defaultNoDelete') : undefined}>
                        <span>
                          <Button
                            type="link"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={row.isDefault}
                            aria-label={`${t('businessHours.list.delete')} ${row.name}`}
                            aria-describedby={row.isDefault ? `default-note-${row.id}` : undefined}
                            onClick={() => confirmDelete(row)}
                            data-testid="calendar-row-delete"
                          >
                            {t('businessHours.list.delete')}
                          </Button>
                        </span>
                      </Tooltip>
                      {row.isDefault ? (
                        <span id={`default-note-${row.id}`} style={{ position: 'absolute', left: -10000 }}>
                          {t('businessHours.list.defaultNoDelete')}
                        </span>
                      ) : null}
                    </>
                  ) : null}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <CreateCalendarModal
        open={creating}
        first={calendars.length === 0}
        defaultZone={tenantZone}
        onClose={(created) => {
          setCreating(false);
          if (created) void navigate(`/tenant/business-hours/${created.id}`);
          else state.refetch();
        }}
      />
    </>
  );
}
