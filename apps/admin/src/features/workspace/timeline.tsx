import { PaperClipOutlined } from '@ant-design/icons';
import { Empty, Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketMessageFieldsFragment } from '../../api/generated/graphql';
import { useFormatters } from '../../i18n/format';

export type TimelineMessage = TicketMessageFieldsFragment;

/** A change to the ticket shown between the messages (created, solved, rated…). */
export interface TimelineEvent {
  id: string;
  at: string;
  /** Where it sorts, when not at `at` (e.g. just above the message written in the same step). */
  sortAt?: string;
  text: string;
}

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
  events = [],
  customerName,
  agentName,
}: {
  messages: readonly TimelineMessage[];
  events?: readonly TimelineEvent[];
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

  if (messages.length === 0 && events.length === 0) {
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
      {merged(messages, events).map((entry) =>
        !('kind' in entry) ? (
          <div key={entry.id} className="ws-msg ws-msg-system" data-testid="timeline-event">
            {entry.text} · <time dateTime={entry.at}>{fmt.dateTime(entry.at)}</time>
          </div>
        ) : (
          renderMessage(entry)
        ),
      )}
      <div ref={end} />
    </div>
  );

  function renderMessage(m: TimelineMessage) {
    return (
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
    );
  }
}

/** Messages and events in one list by time (a stable sort keeps the server's message order). */
function merged(
  messages: readonly TimelineMessage[],
  events: readonly TimelineEvent[],
): (TimelineMessage | TimelineEvent)[] {
  const at = (e: TimelineMessage | TimelineEvent) =>
    Date.parse('kind' in e ? e.createdAt : (e.sortAt ?? e.at));
  return [...messages, ...events].sort((a, b) => at(a) - at(b));
}
