import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { en } from './messages';

type Catalogue = typeof en.webhooks.events;
type Group = Exclude<keyof Catalogue, 'group'>;
type EventKey = {
  [G in Group]: `webhooks.events.${G}.${keyof Catalogue[G] & string}`;
}[Group];
type GroupKey = `webhooks.events.group.${keyof Catalogue['group']}`;

function isGroup(name: string): name is Group {
  return name !== 'group' && Object.hasOwn(en.webhooks.events, name);
}

/** The message key of an event name from the catalogue ("ticket.created"), or null for one this console does not know yet. */
export function eventKey(name: string): EventKey | null {
  const [group = '', action = '', ...rest] = name.split('.');
  if (rest.length > 0 || !isGroup(group)) return null;
  return Object.hasOwn(en.webhooks.events[group], action)
    ? (`webhooks.events.${group}.${action}` as EventKey)
    : null;
}

/** The heading an event is listed under in the picker: its prefix, or "other". */
export function groupKey(name: string): GroupKey {
  const group = name.split('.')[0] ?? '';
  return Object.hasOwn(en.webhooks.events.group, group)
    ? (`webhooks.events.group.${group}` as GroupKey)
    : 'webhooks.events.group.other';
}

/** An event type in words (when known) with its machine name. */
export function EventLabel({ name, inline }: { name: string; inline?: boolean }) {
  const { t } = useTranslation('tenant-webhooks');
  const key = eventKey(name);
  if (!key) return <Typography.Text className="mono small">{name}</Typography.Text>;
  if (inline) {
    return (
      <>
        {t(key)}{' '}
        <Typography.Text type="secondary" className="mono small">
          {name}
        </Typography.Text>
      </>
    );
  }
  return (
    <Flex vertical gap={0}>
      <span>{t(key)}</span>
      <Typography.Text type="secondary" className="mono small">
        {name}
      </Typography.Text>
    </Flex>
  );
}

/** An event type as a compact tag (its words; the machine name on hover). */
export function EventTag({ name }: { name: string }) {
  const { t } = useTranslation('tenant-webhooks');
  const key = eventKey(name);
  return (
    <Tag title={name} className={key ? undefined : 'mono'}>
      {key ? t(key) : name}
    </Tag>
  );
}
