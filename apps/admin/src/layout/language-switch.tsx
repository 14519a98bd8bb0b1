import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, changeLanguage } from '../i18n';

export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { i18n, t } = useTranslation();
  const current = LANGUAGES.find((l) => l.value === i18n.language) ?? LANGUAGES[0];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [i18n.language],
        items: LANGUAGES.map((l) => ({
          key: l.value,
          label: <span data-testid={`language-${l.value}`}>{l.label}</span>,
        })),
        onClick: ({ key }) => void changeLanguage(key as Language),
      }}
    >
      <Button
        type={type}
        icon={<GlobalOutlined />}
        data-testid="language-switch"
        aria-label={t('shell.language')}
      >
        {current?.label}
      </Button>
    </Dropdown>
  );
}
