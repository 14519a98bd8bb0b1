import { EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerPiiField } from '../../api/generated/graphql';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { useViewer } from '../../session/session-context';
import type { CustomerRecord } from './directory';
import { CustomerSettingsQuery, RevealCustomerFieldMutation, TicketsQuery } from './documents';
import { STATUS_COLORS } from './model';

const PII_ROWS: {
  field: CustomerPiiField;
  key: 'email' | 'mobile' | 'residentId' | 'bankCard' | 'address';
}[] = [
  { field: 'MOBILE', key: 'mobile' },
  { field: 'EMAIL', key: 'email' },
  { field: 'RESIDENT_ID', key: 'residentId' },
  { field: 'BANK_CARD', key: 'bankCard' },
  { field: 'ADDRESS', key: 'address' },
];

/**
 * Who the customer is: personal data masked as the API sends it; Reveal (when the viewer may)
 * asks the API for one value in clear, which the server records in the audit log.
 */
/** The customer's other recent tickets, newest first. */
function OtherTickets({ customerId, currentId }: { customerId: string; currentId: string }) {
  const { t } = useTranslation('workspace');
  const others = useQuery(TicketsQuery, {
    where: { customerId },
    first: 6,
    sort: 'CREATED_AT',
    direction: 'DESC',
  });
  const items = (others.data?.tickets.items ?? []).filter((x) => x.id !== currentId).slice(0, 5);
  return (
    <Flex vertical gap={2} style={{ marginTop: 8 }} data-testid="customer-other-tickets">
      <Typography.Text type="secondary">{t('customer.otherTickets')}</Typography.Text>
      {others.data && items.length === 0 ? (
        <Typography.Text type="secondary">{t('customer.noOtherTickets')}</Typography.Text>
      ) : (
        items.map((x) => (
          <Link key={x.id} to={`/workspace/tickets/${x.id}`}>
            #{x.number} {x.subject} <Tag color={STATUS_COLORS[x.status]}>{t(`status.${x.status}`)}</Tag>
          </Link>
        ))
      )}
    </Flex>
  );
}

export function CustomerPanel({
  customer,
  ticketId,
  onNewTicket,
}: {
  customer: CustomerRecord | undefined;
  ticketId: string;
  onNewTicket: () => void;
}) {
  const { t } = useTranslation('workspace');
  const viewer = useViewer();
  const feedback = useFeedback();
  const settings = useQuery(CustomerSettingsQuery, {});
  const reveal = useMutation(RevealCustomerFieldMutation);
  const [revealed, setRevealed] = useState<Partial<Record<CustomerPiiField, string | null>>>({});
  const [pending, setPending] = useState<CustomerPiiField | null>(null);
  const always = viewer.role === 'TENANT_ADMIN' || viewer.role === 'SUPERVISOR';
  const mayReveal = (field: CustomerPiiField) =>
    always || (settings.data?.customerSettings.agentRevealFields ?? []).includes(field);

  if (!customer) return <Card size="small" title={t('customer.title')} loading />;

  const doReveal = async (field: CustomerPiiField) => {
    setPending(field);
    try {
      const result = await reveal.run({ id: customer.id, field, identityId: null });
      setRevealed((prev) => ({ ...prev, [field]: result.revealCustomerField.value }));
    } catch (err) {
      feedback.error(err);
    } finally {
      setPending(null);
    }
  };

  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: 'name',
      label: t('customer.name'),
      children: <span data-testid="customer-name">{customer.displayName ?? t('customer.noName')}</span>,
    },
  ];
  for (const row of PII_ROWS) {
    const masked = customer[row.key];
    if (!masked) continue;
    const clear = revealed[row.field];
    const shown = clear !== undefined;
    const label = t(`customer.${row.key}`);
    items.push({
      key: row.key,
      label,
      children: (
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text
            className="mono"
            data-testid={`customer-${row.key}`}
            copyable={shown && clear ? { text: clear } : false}
          >
            {shown ? (clear ?? '—') : masked}
          </Typography.Text>
          {mayReveal(row.field) ? (
            shown ? (
              <Button
                size="small"
                type="text"
                icon={<EyeInvisibleOutlined />}
                aria-label={t('customer.hide')}
                onClick={() =>
                  setRevealed((prev) => {
                    const next = { ...prev };
                    delete next[row.field];
                    return next;
                  })
                }
              />
            ) : (
              <Tooltip title={t('customer.revealAudited')}>
                <Button
                  size="small"
                  type="text"
                  icon={<EyeOutlined />}
                  loading={pending === row.field}
                  aria-label={t('customer.revealLabel', { field: label })}
                  onClick={() => void doReveal(row.field)}
                  data-testid={`reveal-${row.key}`}
                >
                  {t('customer.reveal')}
                </Button>
              </Tooltip>
            )
          ) : null}
        </Flex>
      ),
    });
  }
  if (customer.externalId)
    items.push({
      key: 'ext',
      label: t('customer.externalId'),
      children: <span className="mono">{customer.externalId}</span>,
    });
  if (customer.tags.length > 0)
    items.push({
      key: 'tags',
      label: t('customer.tags'),
      children: (
        <Space size={[4, 4]} wrap>
          {customer.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
      ),
    });
  if (customer.notes) items.push({ key: 'notes', label: t('customer.notes'), children: customer.notes });

  return (
    <Card
      size="small"
      title={t('customer.title')}
      data-testid="customer-panel"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={onNewTicket} data-testid="customer-new-ticket">
          {t('tickets.newTicket')}
        </Button>
      }
    >
      {customer.mergedIntoId ? (
        <Alert type="info" showIcon title={t('customer.merged')} style={{ marginBottom: 8 }} />
      ) : null}
      <Descriptions size="small" column={1} items={items} />
      <OtherTickets customerId={customer.id} currentId={ticketId} />
    </Card>
  );
}
