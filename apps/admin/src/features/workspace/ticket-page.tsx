import {
  ArrowLeftOutlined,
  CheckOutlined,
  LeftOutlined,
  MoreOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Dropdown, Flex, Rate, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/errors';
import type { TicketFieldsFragment, TicketPatch, TicketStatus } from '../../api/generated/graphql';
import type { ResultOf } from '../../api/operation';
import { ErrorResult } from '../../components/error-result';
import { PageHeader } from '../../components/page-header';
import { useFeedback } from '../../components/use-feedback';
import { isSilentError, useMutation, useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';
import { useSession, useViewer } from '../../session/session-context';
import { CreateTicketModal } from './create-ticket-modal';
import { CustomerPanel } from './customer-panel';
import { customerLabel, useAssignees, useCustomers } from './directory';
import {
  AddTicketNoteMutation,
  LinkTicketsMutation,
  MergeTicketsMutation,
  ReplyToTicketMutation,
  TicketCustomFieldsQuery,
  TicketMessagesQuery,
  TicketQuery,
  UnlinkTicketsMutation,
  UpdateTicketMutation,
} from './documents';
import { PRIORITY_COLORS, STATUS_COLORS, TICKET_EVENT_TYPES } from './model';
import { PresenceBar, useTicketPresence } from './presence';
import { PropertiesPanel } from './properties-panel';
import { ReplyBox, type ReplyBoxHandle, type ReplyMode } from './reply-box';
import { ShortcutsHelp, useShortcuts } from './shortcuts-help';
import { TicketNumberModal } from './ticket-number-modal';
import type { QueueState } from './tickets-page';
import { Timeline, type TimelineEvent, type TimelineMessage } from './timeline';
import { useTicketEvents } from './use-ticket-events';
import './workspace.css';

type Ticket = TicketFieldsFragment;

/** A linked ticket by its number and subject (the ticket carries only the id). */
function LinkedTicket({ id, state }: { id: string; state: QueueState | null }) {
  const { t } = useTranslation('workspace');
  const linked = useQuery(TicketQuery, { id });
  const ticket = linked.data?.ticket;
  return (
    <Link to={`/workspace/tickets/${id}`} state={state} data-testid="linked-ticket">
      {ticket ? (
        <>
          #{ticket.number} {ticket.subject}{' '}
          <Tag color={STATUS_COLORS[ticket.status]}>{t(`status.${ticket.status}`)}</Tag>
        </>
      ) : (
        <span className="mono">{id}</span>
      )}
    </Link>
  );
}

function isQueueState(value: unknown): value is QueueState {
  return (
    !!value &&
    typeof value === 'object' &&
    Array.isArray((value as { queue?: unknown }).queue) &&
    typeof (value as { back?: unknown }).back === 'string'
  );
}

/** All of a ticket's messages, oldest first (pages of 40 — what the query cost limit allows — at most 25). */
function useMessages(ticketId: string) {
  const { manager } = useSession();
  const [messages, setMessages] = useState<TimelineMessage[]>([]);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const load = useCallback(() => {
    const mine = ++seq.current;
    void (async () => {
      const all: TimelineMessage[] = [];
      let after: string | null = null;
      try {
        for (let i = 0; i < 25; i += 1) {
          const data: ResultOf<typeof TicketMessagesQuery> = await manager.request(TicketMessagesQuery, {
            ticketId,
            after,
          });
          all.push(...data.ticketMessages.items);
          if (!data.ticketMessages.hasNextPage || !data.ticketMessages.endCursor) break;
          after = data.ticketMessages.endCursor;
        }
      } catch (err) {
        if (isSilentError(err) || mine !== seq.current) return;
        setError(err);
        return;
      }
      if (mine !== seq.current) return;
      setMessages(all);
      setError(null);
    })();
  }, [manager, ticketId]);
  useEffect(() => {
    setMessages([]);
    load();
  }, [load]);
  const append = useCallback((m: TimelineMessage) => {
    setMessages((prev) => (prev.some((x) => x.id === m.id) ? prev : [...prev, m]));
  }, []);
  return { messages, error, reload: load, append };
}

export function TicketPage() {
  const { id = '' } = useParams();
  return <TicketView key={id} id={id} />;
}

function TicketView({ id }: { id: string }) {
  const { t } = useTranslation('workspace');
  const fmt = useFormatters();
  const navigate = useNavigate();
  const location = useLocation();
  const feedback = useFeedback();
  const viewer = useViewer();
  const queueState = isQueueState(location.state) ? location.state : null;
  const backTo = queueState?.back ?? '/workspace/tickets';

  const ticketQuery = useQuery(TicketQuery, { id });
  const [ticket, setTicket] = useState<Ticket | null>(null);
  useEffect(() => {
    if (ticketQuery.data) setTicket(ticketQuery.data.ticket);
  }, [ticketQuery.data]);
  const { messages, error: messagesError, reload: reloadMessages, append } = useMessages(id);
  const definitions = useQuery(TicketCustomFieldsQuery, {});
  const assignees = useAssignees();
  const customers = useCustomers(ticket ? [ticket.customerId] : []);
  const customer = ticket ? customers.byId.get(ticket.customerId) : undefined;

  const update = useMutation(UpdateTicketMutation);
  const reply = useMutation(ReplyToTicketMutation);
  const note = useMutation(AddTicketNoteMutation);
  const merge = useMutation(MergeTicketsMutation);
  const link = useMutation(LinkTicketsMutation);
  const unlink = useMutation(UnlinkTicketsMutation);

  const [conflict, setConflict] = useState(false);
  const [mode, setMode] = useState<ReplyMode>('reply');
  const [draft, setDraft] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const [numberModal, setNumberModal] = useState<'merge' | 'link' | null>(null);
  const [createOpen, setCreateOpen] = useState(false);
  const replyRef = useRef<ReplyBoxHandle>(null);

  const others = useTicketPresence(
    ticket && !ticket.mergedIntoId ? id : null,
    draft.trim() && mode === 'reply' ? 'REPLYING' : 'VIEWING',
  );
  const replying = others.filter((p) => p.activity === 'REPLYING');

  const refresh = useCallback(() => {
    ticketQuery.refetch();
    reloadMessages();
  }, [ticketQuery, reloadMessages]);
  useTicketEvents({ types: TICKET_EVENT_TYPES, ticketId: id, onSettled: refresh });

  /** A change with the version we read; a stale one reloads and says so. */
  const handleError = (err: unknown) => {
    if (isApiError(err, 'CONFLICT')) {
      setConflict(true);
      ticketQuery.refetch();
      return;
    }
    feedback.error(err);
  };

  const patch = async (p: TicketPatch): Promise<boolean> => {
    if (!ticket) return false;
    try {
      const result = await update.run({ id: ticket.id, version: ticket.version, patch: p });
      setTicket(result.updateTicket);
      setConflict(false);
      return true;
    } catch (err) {
      handleError(err);
      return false;
    }
  };

  const solve = async () => {
    if (!ticket || ticket.status === 'SOLVED' || ticket.status === 'CLOSED') return;
    if (await patch({ status: 'SOLVED' })) feedback.success(t('ticket.solved'));
  };

  const send = async (status: TicketStatus | null) => {
    if (!ticket) return;
    const text = draft.trim();
    if (!text) return;
    try {
      if (mode === 'note') {
        const result = await note.run({ ticketId: ticket.id, input: { text } });
        append(result.addTicketNote.message);
        setTicket(result.addTicketNote.ticket);
        feedback.success(t('reply.noteAdded'));
      } else {
        const result = await reply.run({
          ticketId: ticket.id,
          input: { text, ...(status ? { status, version: ticket.version } : {}) },
        });
        append(result.replyToTicket.message);
        setTicket(result.replyToTicket.ticket);
        feedback.success(t('reply.sent'));
      }
      setDraft('');
      setConflict(false);
    } catch (err) {
      handleError(err);
    }
  };

  const queue = queueState?.queue ?? [];
  const index = queue.indexOf(id);
  const goTo = useCallback(
    (delta: number) => {
      const next = queue[index + delta];
      if (index < 0 || !next) return;
      void navigate(`/workspace/tickets/${next}`, { state: queueState });
    },
    [queue, index, navigate, queueState],
  );

  const shortcuts = useMemo(
    () => ({
      r: () => replyRef.current?.focus('reply'),
      n: () => replyRef.current?.focus('note'),
      s: () => void solve(),
      j: () => goTo(1),
      k: () => goTo(-1),
      u: () => void navigate(backTo),
      '?': () => setHelpOpen(true),
    }),
    // solve reads the current ticket
    [goTo, navigate, backTo, ticket],
  );
  useShortcuts(shortcuts, !helpOpen && !numberModal && !createOpen);

  if (ticketQuery.error && !ticket) {
    return (
      <>
        <PageHeader title={t('tickets.title')} crumbs={[{ title: t('tickets.title'), to: backTo }]} />
        <ErrorResult error={ticketQuery.error} onRetry={ticketQuery.refetch} />
      </>
    );
  }
  if (!ticket) return <Card loading />;

  const closed = ticket.status === 'CLOSED' || Boolean(ticket.mergedIntoId);
  const customerName = customerLabel(customer, t('tickets.unknownCustomer'));
  const agentName = (authorId: string | null | undefined) =>
    authorId === viewer.user.id
      ? t('timeline.you')
      : authorId
        ? assignees.nameOf(authorId)
        : t('timeline.agent');

  const events: TimelineEvent[] = [
    {
      id: 'created',
      at: ticket.createdAt,
      // the first message is written in the same step: the line goes just above it
      sortAt: new Date(
        Math.min(Date.parse(ticket.createdAt), Date.parse(messages[0]?.createdAt ?? ticket.createdAt)) - 1,
      ).toISOString(),
      text: t('timeline.created', { channel: t(`channel.${ticket.channel}`) }),
    },
    ...(ticket.solvedAt ? [{ id: 'solved', at: ticket.solvedAt, text: t('timeline.solved') }] : []),
    ...(ticket.closedAt ? [{ id: 'closed', at: ticket.closedAt, text: t('timeline.closed') }] : []),
    ...(ticket.csat?.answeredAt && ticket.csat.score
      ? [
          {
            id: 'csat',
            at: ticket.csat.answeredAt,
            text: t('timeline.csatAnswered', { score: ticket.csat.score }),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('ticket.heading', { number: ticket.number, subject: ticket.subject })}
        crumbs={[{ title: t('tickets.title'), to: backTo }, { title: `#${ticket.number}` }]}
        tags={
          <Space size={4}>
            <Tag color={STATUS_COLORS[ticket.status]} data-testid="ticket-status-tag">
              {t(`status.${ticket.status}`)}
            </Tag>
            <Tag color={PRIORITY_COLORS[ticket.priority]}>{t(`priority.${ticket.priority}`)}</Tag>
            <Tag>{t(`channel.${ticket.channel}`)}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <PresenceBar others={others} />
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => void navigate(backTo)}
              data-testid="ticket-back"
            >
              {t('ticket.back')}
            </Button>
            <Tooltip title={t('ticket.previous')}>
              <Button
                icon={<LeftOutlined />}
                aria-label={t('ticket.previous')}
                disabled={index <= 0}
                onClick={() => goTo(-1)}
              />
            </Tooltip>
            <Tooltip title={t('ticket.next')}>
              <Button
                icon={<RightOutlined />}
                aria-label={t('ticket.next')}
                disabled={index < 0 || index >= queue.length - 1}
                onClick={() => goTo(1)}
              />
            </Tooltip>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={closed || ticket.status === 'SOLVED'}
              loading={update.loading}
              onClick={() => void solve()}
              data-testid="ticket-solve"
            >
              {t('ticket.solve')}
            </Button>
            <Dropdown
              disabled={closed}
              menu={{
                items: [
                  {
                    key: 'merge',
                    label: <span data-testid="action-merge">{t('ticket.merge')}</span>,
                    onClick: () => setNumberModal('merge'),
                  },
                  {
                    key: 'link',
                    label: <span data-testid="action-link">{t('ticket.link')}</span>,
                    onClick: () => setNumberModal('link'),
                  },
                ],
              }}
            >
              <Button icon={<MoreOutlined />} aria-label={t('ticket.more')} data-testid="ticket-more" />
            </Dropdown>
            <Tooltip title={t('shortcuts.open')}>
              <Button
                aria-label={t('shortcuts.open')}
                onClick={() => setHelpOpen(true)}
                data-testid="shortcuts-open"
              >
                ?
              </Button>
            </Tooltip>
          </Space>
        }
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setConflict(false)}
          title={t('ticket.conflict')}
          style={{ marginBottom: 12 }}
          data-testid="ticket-conflict"
          role="alert"
        />
      ) : null}
      {ticket.mergedIntoId ? (
        <Alert
          type="info"
          showIcon
          title={t('ticket.mergedInto')}
          action={<Link to={`/workspace/tickets/${ticket.mergedIntoId}`}>{t('ticket.openMerged')}</Link>}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <div className="ws-ticket">
        <Card size="small" title={t('ticket.conversation')}>
          {messagesError && messages.length === 0 ? (
            <ErrorResult compact error={messagesError} onRetry={reloadMessages} />
          ) : (
            <Timeline messages={messages} events={events} customerName={customerName} agentName={agentName} />
          )}
          {closed ? null : (
            <ReplyBox
              ref={replyRef}
              mode={mode}
              onModeChange={setMode}
              text={draft}
              onTextChange={setDraft}
              onSend={(status) => void send(status)}
              sending={reply.loading || note.loading}
              disabled={closed}
              warning={
                replying.length > 0
                  ? t('presence.replyingWarning', { names: replying.map((p) => p.name).join(', ') })
                  : null
              }
            />
          )}
        </Card>
        <div className="ws-side">
          <CustomerPanel customer={customer} ticketId={ticket.id} onNewTicket={() => setCreateOpen(true)} />
          {ticket.csat ? (
            <Card size="small" title={t('ticket.csat.title')} data-testid="ticket-csat">
              {ticket.csat.score !== null && ticket.csat.score !== undefined ? (
                <Flex vertical gap={4}>
                  <Flex align="center" gap={8}>
                    <Rate disabled value={ticket.csat.score} />
                    <Typography.Text strong data-testid="csat-score">
                      {t('ticket.csat.score', { score: ticket.csat.score })}
                    </Typography.Text>
                  </Flex>
                  {ticket.csat.comment ? (
                    <Typography.Paragraph
                      aria-label={t('ticket.csat.comment')}
                      data-testid="csat-comment"
                      style={{ marginBottom: 0 }}
                    >
                      {ticket.csat.comment}
                    </Typography.Paragraph>
                  ) : null}
                  <Typography.Text type="secondary" className="small">
                    {fmt.dateTime(ticket.csat.answeredAt)}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary">
                  {t('ticket.csat.waiting', { at: fmt.dateTime(ticket.csat.sentAt) })}
                </Typography.Text>
              )}
            </Card>
          ) : null}
          <PropertiesPanel
            ticket={ticket}
            definitions={definitions.data?.ticketCustomFields ?? []}
            assignees={assignees.list}
            nameOf={assignees.nameOf}
            disabled={closed || update.loading}
            onPatch={(p) => void patch(p)}
          />
          <Card size="small" title={t('ticket.linked')} data-testid="ticket-linked">
            {ticket.linkedTicketIds.length === 0 && ticket.mergedFromIds.length === 0 ? (
              <Typography.Text type="secondary">{t('ticket.noLinked')}</Typography.Text>
            ) : (
              <Flex vertical gap={4}>
                {ticket.linkedTicketIds.map((linked) => (
                  <Flex key={linked} justify="space-between" align="center">
                    <LinkedTicket id={linked} state={queueState} />
                    <Button
                      size="small"
                      type="link"
                      disabled={closed}
                      onClick={() =>
                        void unlink
                          .run({ ticketId: ticket.id, linkedTicketId: linked })
                          .then((r) => setTicket(r.unlinkTickets), handleError)
                      }
                    >
                      {t('ticket.unlink')}
                    </Button>
                  </Flex>
                ))}
                {ticket.mergedFromIds.map((from) => (
                  <Flex key={from} gap={4} align="center" wrap>
                    <Typography.Text type="secondary">{t('ticket.mergedFromOne')}</Typography.Text>
                    <LinkedTicket id={from} state={queueState} />
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
          <Typography.Text type="secondary" className="small">
            {t('ticket.created')}: {fmt.dateTime(ticket.createdAt)}
          </Typography.Text>
        </div>
      </div>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} page="ticket" />
      <TicketNumberModal
        open={numberModal !== null}
        kind={numberModal ?? 'link'}
        current={ticket}
        onClose={() => setNumberModal(null)}
        onConfirm={async (target) => {
          if (numberModal === 'merge') {
            const full = await merge.run({
              sourceId: ticket.id,
              sourceVersion: ticket.version,
              targetId: target.id,
              targetVersion: target.version,
            });
            feedback.success(t('merge.done', { number: full.mergeTickets.number }));
            setNumberModal(null);
            void navigate(`/workspace/tickets/${full.mergeTickets.id}`, { state: queueState });
          } else {
            const result = await link.run({ ticketId: ticket.id, linkedTicketId: target.id });
            setTicket(result.linkTickets);
            feedback.success(t('link.done'));
            setNumberModal(null);
          }
        }}
      />
      <CreateTicketModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        customer={customer ? { id: customer.id, label: customerName } : undefined}
        onCreated={(created) => {
          setCreateOpen(false);
          void navigate(`/workspace/tickets/${created.id}`);
        }}
      />
    </>
  );
}
