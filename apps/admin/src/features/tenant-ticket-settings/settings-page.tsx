import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { FieldsTab } from './fields-tab';
import { CustomerSettingsTab, TicketSettingsTab } from './settings-forms';

const TABS = ['fields', 'tickets', 'customers'] as const;
type TabKey = (typeof TABS)[number];

function isTab(value: string | null): value is TabKey {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** The tenant admin's ticket settings: custom fields, ticket rules, customer data; the tab is in the URL. */
export function TicketSettingsPage() {
  const { t } = useTranslation('tenant-ticket-settings');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: TabKey = isTab(requested) ? requested : 'fields';
  return (
    <>
      <PageHeader title={t('ticketAdmin.page.title')} subtitle={t('ticketAdmin.page.subtitle')} />
      <Tabs
        activeKey={active}
        onChange={(key) => setParams(key === 'fields' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'fields', label: t('ticketAdmin.page.tabs.fields'), children: <FieldsTab /> },
          { key: 'tickets', label: t('ticketAdmin.page.tabs.tickets'), children: <TicketSettingsTab /> },
          {
            key: 'customers',
            label: t('ticketAdmin.page.tabs.customers'),
            children: <CustomerSettingsTab />,
          },
        ]}
        data-testid="ticket-settings-tabs"
      />
    </>
  );
}
