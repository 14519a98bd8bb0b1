import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { AuditLogView } from './audit-log-view';

export function ProviderAuditPage() {
  const { t } = useTranslation('audit');
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitleProvider')} />
      <AuditLogView provider />
    </>
  );
}
