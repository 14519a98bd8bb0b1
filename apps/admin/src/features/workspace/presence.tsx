import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Avatar, Badge, Flex, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketActivity } from '../../api/generated/graphql';
import type { ResultOf } from '../../api/operation';
import { useLiveSubscription } from '../../api/use-live';
import { useSession, useViewer } from '../../session/session-context';
import { AnnouncePresenceMutation, LeavePresenceMutation, PresenceSubscription } from './documents';

export type TicketViewer = ResultOf<typeof AnnouncePresenceMutation>['announceTicketPresence'][number];

/** Announce again this often; the server forgets an entry after 30 s without one. */
const ANNOUNCE_MS = 10_000;

/**
 * Collision detection: tells the server this user is viewing (or replying on) the ticket, again
 * every 10 s and at once when the activity changes; listens to who else is there; leaves when
 * the page closes. Returns the other people on the ticket.
 */
export function useTicketPresence(ticketId: string | null, activity: TicketActivity): TicketViewer[] {
  const { manager } = useSession();
  const viewer = useViewer();
  const [everyone, setEveryone] = useState<TicketViewer[]>([]);
  const activityRef = useRef(activity);
  activityRef.current = activity;

  // announce now and every 10 s, and on every change of activity
  useEffect(() => {
    if (!ticketId) return undefined;
    let stopped = false;
    const announce = () => {
      manager
        .request(AnnouncePresenceMutation, { ticketId, activity: activityRef.current })
        .then((list) => {
          if (!stopped) setEveryone(list.announceTicketPresence);
        })
        // presence is a courtesy: a failed announce is tried again on the next beat
        .catch(() => undefined);
    };
    announce();
    const timer = setInterval(announce, ANNOUNCE_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [manager, ticketId, activity]);

  // leave when the ticket closes (route change, tab closed)
  useEffect(() => {
    if (!ticketId) return undefined;
    const leave = () => {
      void manager.request(LeavePresenceMutation, { ticketId }).catch(() => undefined);
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
      setEveryone([]);
    };
  }, [manager, ticketId]);

  useLiveSubscription(
    PresenceSubscription,
    { ticketId: ticketId ?? '' },
    { next: (data) => setEveryone(data.ticketPresence) },
    { skip: !ticketId },
  );

  return everyone.filter((p) => p.userId !== viewer.user.id);
}

function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  // CJK names: the family name's character; others: the first letters of two words
  if (/[\u3400-\u9fff]/.test(trimmed[0] ?? '')) return trimmed.slice(0, 1);
  return trimmed
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/** The other people on this ticket: an avatar each, a pen badge when they are replying. */
export function PresenceBar({ others }: { others: readonly TicketViewer[] }) {
  const { t } = useTranslation('workspace');
  if (others.length === 0) return null;
  return (
    <Flex align="center" gap={8} data-testid="presence" aria-label={t('presence.others')} role="status">
      <Typography.Text type="secondary" className="small">
        {t('presence.others')}
      </Typography.Text>
      <Avatar.Group>
        {others.map((p) => {
          const label =
            p.activity === 'REPLYING'
              ? t('presence.replying', { name: p.name })
              : t('presence.viewing', { name: p.name });
          return (
            <Tooltip key={p.userId} title={label}>
              <Badge
                count={
                  p.activity === 'REPLYING' ? (
                    <EditOutlined style={{ color: '#fa8c16' }} />
                  ) : (
                    <EyeOutlined style={{ color: '#8c8c8c' }} />
                  )
                }
                offset={[-4, 24]}
              >
                <Avatar
                  aria-label={label}
                  data-testid={`presence-${p.activity.toLowerCase()}`}
                  style={{ background: p.activity === 'REPLYING' ? '#fa8c16' : '#1677ff' }}
                >
                  {initials(p.name)}
                </Avatar>
              </Badge>
            </Tooltip>
          );
        })}
      </Avatar.Group>
    </Flex>
  );
}
