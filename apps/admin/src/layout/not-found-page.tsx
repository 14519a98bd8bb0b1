import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../components/use-document-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('states.notFoundTitle'));
  return (
    <Result
      status="404"
      title={t('states.notFoundTitle')}
      subTitle={t('states.notFoundBody')}
      extra={
        <Link to="/">
          <Button type="primary">{t('states.backHome')}</Button>
        </Link>
      }
    />
  );
}
