import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { AuditLogView } from './audit-log-view';

export function TenantAuditPage() {
  const { t } = useTranslation('audit');
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitleTenant')} />
      <AuditLogView provider={false} />
    </>
  );
}
