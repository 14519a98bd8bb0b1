import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../components/brand-mark';
import { LanguageSwitch } from '../../layout/language-switch';

/** The frame around sign-in and invitation pages: brand panel on the left, form card on the right. */
export function AuthFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('auth');
  return (
    <div className="auth-page">
      <div className="auth-lang">
        <LanguageSwitch type="text" />
      </div>
      <div className="auth-panel">
        <Flex align="center" gap={12}>
          <BrandMark size={40} />
          <span className="auth-brand">Tandem</span>
        </Flex>
        <Typography.Title level={2} className="auth-headline">
          {t('app.headline')}
        </Typography.Title>
        <Typography.Paragraph className="auth-pitch">{t('app.pitch')}</Typography.Paragraph>
        <ul className="auth-points">
          <li>{t('app.point1')}</li>
          <li>{t('app.point2')}</li>
          <li>{t('app.point3')}</li>
        </ul>
      </div>
      <div className="auth-main">
        <Card className="auth-card">{children}</Card>
        <Typography.Text type="secondary" className="auth-footer">
          {t('app.footer', { year: new Date().getFullYear() })}
        </Typography.Text>
      </div>
    </div>
  );
}
