import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { AuditLogView } from '../shared/audit-log-view';

export function TenantAuditPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitleTenant')} />
      <AuditLogView provider={false} />
    </>
  );
}
