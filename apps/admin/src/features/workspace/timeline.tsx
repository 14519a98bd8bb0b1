import { PaperClipOutlined } from '@ant-design/icons';
import { Empty, Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketMessageFieldsFragment } from '../../api/generated/graphql';
import { useFormatters } from '../../i18n/format';

export type TimelineMessage = TicketMessageFieldsFragment;

function kindClass(m: TimelineMessage): string {
  if (m.kind === 'NOTE') return 'ws-msg-note';
  switch (m.author.kind) {
    case 'CUSTOMER':
      return 'ws-msg-customer';
    case 'AGENT':
      return 'ws-msg-agent';
    case 'BOT':
      return 'ws-msg-bot';
    default:
      return 'ws-msg-system';
  }
}

/**
 * The conversation, oldest first: the customer on the left, the team on the right (notes on
 * yellow, dashed, never sent), the bot in purple, system events as centred lines.
 */
export function Timeline({
  messages,
  customerName,
  agentName,
}: {
  messages: readonly TimelineMessage[];
  customerName: string;
  agentName: (id: string | null | undefined) => string;
}) {
  const { t } = useTranslation('workspace');
  const fmt = useFormatters();
  const end = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1]?.id;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [last]);

  if (messages.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;
  }
  const who = (m: TimelineMessage): string => {
    if (m.kind === 'NOTE') return `${t('timeline.note')} · ${agentName(m.author.id)}`;
    switch (m.author.kind) {
      case 'CUSTOMER':
        return customerName;
      case 'AGENT':
        return agentName(m.author.id);
      case 'BOT':
        return t('timeline.bot');
      default:
        return t('timeline.system');
    }
  };
  return (
    <div
      className="ws-timeline"
      role="log"
      aria-live="polite"
      aria-label={t('ticket.conversation')}
      data-testid="timeline"
    >
      {messages.map((m) => (
        <article
          key={m.id}
          className={`ws-msg ${kindClass(m)}`}
          data-testid={`message-${m.kind === 'NOTE' ? 'note' : m.author.kind.toLowerCase()}`}
        >
          <div className="ws-msg-meta">
            <Typography.Text strong type="secondary">
              {who(m)}
            </Typography.Text>{' '}
            · <time dateTime={m.createdAt}>{fmt.dateTime(m.createdAt)}</time>
            {m.author.kind === 'CUSTOMER'
              ? ` · ${t('timeline.via', { channel: t(`channel.${m.channel}`) })}`
              : ''}
          </div>
          <div className="ws-msg-text">{m.text}</div>
          {m.attachments.length > 0 ? (
            <Flex gap={8} wrap aria-label={t('timeline.attachments')}>
              {m.attachments.map((a) => (
                <Typography.Text key={`${a.name}-${a.size}`} type="secondary">
                  <PaperClipOutlined />{' '}
                  {a.url ? (
                    <a href={a.url} target="_blank" rel="noreferrer noopener">
                      {a.name}
                    </a>
                  ) : (
                    a.name
                  )}{' '}
                  ({Math.max(1, Math.round(a.size / 1024))} KB)
                </Typography.Text>
              ))}
            </Flex>
          ) : null}
        </article>
      ))}
      <div ref={end} />
    </div>
  );
}
