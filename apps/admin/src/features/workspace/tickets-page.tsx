import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Flex, Menu, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type {
  TicketFieldsFragment,
  TicketFilter,
  TicketPriority,
  TicketSortField,
  TicketStatus,
} from '../../api/generated/graphql';
import { useLiveStatus } from '../../api/use-live';
import { ErrorResult } from '../../components/error-result';
import { PageHeader } from '../../components/page-header';
import { useFeedback } from '../../components/use-feedback';
import { isSilentError, useMutation, useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';
import { useSession } from '../../session/session-context';
import { CreateTicketModal } from './create-ticket-modal';
import { customerLabel, useAssignees, useCustomers } from './directory';
import { BulkUpdateTicketsMutation, TicketCountQuery, TicketViewsQuery, TicketsQuery } from './documents';
import {
  BUILT_IN_VIEWS,
  LIST_EVENT_TYPES,
  PRIORITIES,
  PRIORITY_COLORS,
  SETTABLE_STATUSES,
  STATUS_COLORS,
  type ViewSelection,
  parseView,
  step,
  viewParam,
} from './model';
import { ShortcutsHelp, useShortcuts } from './shortcuts-help';
import { shortTime } from './short-time';
import { useTicketEvents } from './use-ticket-events';
import { type SavedView, ViewModal } from './view-modal';
import { DeleteTicketViewMutation } from './documents';
import './workspace.css';

type Ticket = TicketFieldsFragment;
const PAGE = 25;
const SORTS: readonly TicketSortField[] = ['UPDATED_AT', 'CREATED_AT', 'PRIORITY'];

/** What the list page hands to a ticket it opens: the queue around it, for j/k there. */
export interface QueueState {
  queue: string[];
  back: string;
}

interface ListState {
  items: Ticket[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Counts of the built-in views (the API counts saved views itself): up to 100, then "100+". */
function useBuiltInCounts(tick: number): Record<string, { count: number; more: boolean }> {
  const { manager } = useSession();
  const [counts, setCounts] = useState<Record<string, { count: number; more: boolean }>>({});
  useEffect(() => {
    let cancelled = false;
    void Promise.all(
      BUILT_IN_VIEWS.map((v) =>
        manager.request(TicketCountQuery, { where: v.where }).then(
          (d) => [v.key, { count: d.tickets.items.length, more: d.tickets.hasNextPage }] as const,
          () => null,
        ),
      ),
    ).then((entries) => {
      if (cancelled) return;
      const next: Record<string, { count: number; more: boolean }> = {};
      for (const e of entries) if (e) next[e[0]] = e[1];
      setCounts(next);
    });
    return () => {
      cancelled = true;
    };
  }, [manager, tick]);
  return counts;
}

/** Live or reconnecting: a quiet list should never be mistaken for a working one. */
function LiveIndicator() {
  const { t } = useTranslation('workspace');
  const status = useLiveStatus();
  if (status === 'idle') return null;
  const live = status === 'connected';
  return (
    <span role="status" data-testid="live-status" data-status={status}>
      <Badge status={live ? 'success' : 'warning'} text={live ? t('tickets.live') : t('tickets.offline')} />
    </span>
  );
}

export function TicketsPage() {
  const { t } = useTranslation('workspace');
  const fmt = useFormatters();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const { message, modal } = App.useApp();
  const [viewModal, setViewModal] = useState<{ view: SavedView | null } | null>(null);
  const deleteView = useMutation(DeleteTicketViewMutation);
  const { manager } = useSession();
  const [params, setParams] = useSearchParams();
  const selection = parseView(params.get('view'));
  const sortParam = params.get('sort');
  const sort: TicketSortField | null = SORTS.find((s) => s === sortParam) ?? null;
  const views = useQuery(TicketViewsQuery, {});
  const [countTick, setCountTick] = useState(0);
  const counts = useBuiltInCounts(countTick);
  const assignees = useAssignees();

  const [list, setList] = useState<ListState>({ items: [], endCursor: null, hasNextPage: false });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<string[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);
  const [createOpen, setCreateOpen] = useState(false);
  const bulk = useMutation(BulkUpdateTicketsMutation);
  const customers = useCustomers(list.items.map((ticket) => ticket.customerId));
  const seq = useRef(0);
  const loadedRef = useRef(0);
  loadedRef.current = list.items.length;

  const variables = useMemo(() => {
    const where: TicketFilter | null = selection.kind === 'builtIn' ? selection.view.where : null;
    return {
      viewId: selection.kind === 'saved' ? selection.id : null,
      where,
      ...(sort ? { sort, direction: 'DESC' as const } : {}),
    };
    // the selection is derived from the URL
  }, [params.get('view'), sort]);
  const varsKey = JSON.stringify(variables);

  /** Loads the first page again, as many rows as are on screen (a live refresh keeps the scroll). */
  const load = useCallback(
    (keep: boolean) => {
      const mine = ++seq.current;
      const first = keep ? Math.min(100, Math.max(PAGE, loadedRef.current)) : PAGE;
      setLoading(true);
      manager
        .request(TicketsQuery, { ...variables, first, after: null })
        .then((data) => {
          if (mine !== seq.current) return;
          setList({
            items: data.tickets.items,
            endCursor: data.tickets.endCursor,
            hasNextPage: data.tickets.hasNextPage,
          });
          setError(null);
        })
        .catch((err: unknown) => {
          if (mine !== seq.current || isSilentError(err)) return;
          setError(err);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    },
    // varsKey stands for variables
    [manager, varsKey],
  );

  useEffect(() => {
    setSelected([]);
    setActive(-1);
    load(false);
  }, [load]);

  const loadMore = () => {
    if (!list.endCursor) return;
    const mine = ++seq.current;
    setLoading(true);
    manager
      .request(TicketsQuery, { ...variables, first: PAGE, after: list.endCursor })
      .then((data) => {
        if (mine !== seq.current) return;
        setList((prev) => {
          const seen = new Set(prev.items.map((x) => x.id));
          return {
            items: [...prev.items, ...data.tickets.items.filter((x) => !seen.has(x.id))],
            endCursor: data.tickets.endCursor,
            hasNextPage: data.tickets.hasNextPage,
          };
        });
      })
      .catch((err: unknown) => feedback.error(err))
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  };

  const refreshAll = useCallback(() => {
    load(true);
    views.refetch();
    setCountTick((n) => n + 1);
  }, [load, views]);

  useTicketEvents({ types: LIST_EVENT_TYPES, onSettled: refreshAll });

  const select = (next: ViewSelection) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('view', viewParam(next));
        return p;
      },
      { replace: false },
    );

  const setSort = (value: TicketSortField | null) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (value) p.set('sort', value);
        else p.delete('sort');
        return p;
      },
      { replace: true },
    );

  const openTicket = useCallback(
    (ticket: Ticket) => {
      const state: QueueState = {
        queue: list.items.map((x) => x.id),
        back: `/workspace/tickets?${params.toString()}`,
      };
      void navigate(`/workspace/tickets/${ticket.id}`, { state });
    },
    [list.items, navigate, params],
  );

  const runBulk = async (patch: {
    status?: TicketStatus;
    priority?: TicketPriority;
    assigneeId?: string | null;
  }) => {
    try {
      const result = await bulk.run({ input: { ticketIds: selected, patch } });
      const { succeeded, failed } = result.bulkUpdateTickets;
      // some tickets may refuse the change (e.g. a closed one): say how many, not an error
      if (failed > 0) void message.warning(t('tickets.bulkDone', { succeeded, failed }));
      else feedback.success(t('tickets.bulkDone', { succeeded, failed }));
      setSelected([]);
      refreshAll();
    } catch (err) {
      feedback.error(err);
    }
  };

  const shortcuts = useMemo(
    () => ({
      j: () => setActive((i) => step(i, 1, list.items.length)),
      k: () => setActive((i) => step(i, -1, list.items.length)),
      Enter: () => {
        const ticket = list.items[active];
        if (ticket) openTicket(ticket);
      },
      o: () => {
        const ticket = list.items[active];
        if (ticket) openTicket(ticket);
      },
      x: () => {
        const ticket = list.items[active];
        if (!ticket) return;
        setSelected((prev) =>
          prev.includes(ticket.id) ? prev.filter((id) => id !== ticket.id) : [...prev, ticket.id],
        );
      },
      c: () => setCreateOpen(true),
      '?': () => setHelpOpen(true),
    }),
    [list.items, active, openTicket],
  );
  useShortcuts(shortcuts, !helpOpen && !createOpen && !viewModal);

  useEffect(() => {
    if (active < 0) return;
    document.querySelector(`[data-row-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const countLabel = (count: number | undefined, more: boolean) =>
    count === undefined ? null : (
      <Badge
        count={more ? t('tickets.countMore', { count }) : count}
        showZero
        overflowCount={999}
        color={count > 0 ? '#1677ff' : '#bfbfbf'}
      />
    );

  const savedViews = [...(views.data?.ticketViews ?? [])].sort((a, b) => a.position - b.position);
  const currentKey = viewParam(selection);
  const currentSaved = selection.kind === 'saved' ? savedViews.find((v) => v.id === selection.id) : undefined;

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t('viewForm.delete'),
      content: t('viewForm.deleteConfirm', { name: view.name }),
      okButtonProps: { danger: true },
      okText: t('viewForm.delete'),
      onOk: async () => {
        try {
          await deleteView.run({ id: view.id });
          feedback.success(t('viewForm.deleted'));
          views.refetch();
          select({ kind: 'builtIn', view: BUILT_IN_VIEWS[0] ?? { key: 'mine', where: {} } });
        } catch (err) {
          feedback.error(err);
        }
      },
    });

  const columns: ColumnsType<Ticket> = [
    {
      title: t('tickets.col.number'),
      dataIndex: 'number',
      width: 72,
      render: (n: number) => <Typography.Text type="secondary">#{n}</Typography.Text>,
    },
    {
      title: t('tickets.col.subject'),
      dataIndex: 'subject',
      ellipsis: true,
      render: (subject: string, ticket) => (
        <a
          href={`/workspace/tickets/${ticket.id}`}
          onClick={(e) => {
            e.preventDefault();
            openTicket(ticket);
          }}
          data-testid={`ticket-link-${ticket.number}`}
        >
          {subject}
        </a>
      ),
    },
    {
      title: t('tickets.col.customer'),
      dataIndex: 'customerId',
      width: 150,
      ellipsis: true,
      render: (id: string) => (
        <span data-testid="ticket-customer">
          {customerLabel(customers.byId.get(id), t('tickets.unknownCustomer'))}
        </span>
      ),
    },
    {
      title: t('tickets.col.status'),
      dataIndex: 'status',
      width: 92,
      render: (s: TicketStatus) => (
        <Tag color={STATUS_COLORS[s]} data-testid="ticket-status">
          {t(`status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('tickets.col.priority'),
      dataIndex: 'priority',
      width: 80,
      render: (p: TicketPriority) => <Tag color={PRIORITY_COLORS[p]}>{t(`priority.${p}`)}</Tag>,
    },
    {
      title: t('tickets.col.assignee'),
      dataIndex: 'assigneeId',
      width: 120,
      ellipsis: true,
      render: (id: string | null) => assignees.nameOf(id),
    },
    {
      title: t('tickets.col.updated'),
      dataIndex: 'updatedAt',
      width: 110,
      render: (at: string) => (
        <Tooltip title={fmt.dateTime(at)}>
          <time dateTime={at}>{shortTime(at, fmt.timeZone, fmt.language)}</time>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tickets.title')}
        extra={
          <Space>
            <LiveIndicator />
            <Tooltip title={t('shortcuts.open')}>
              <Button
                aria-label={t('shortcuts.open')}
                onClick={() => setHelpOpen(true)}
                data-testid="shortcuts-open"
              >
                ?
              </Button>
            </Tooltip>
            <Button icon={<ReloadOutlined />} onClick={refreshAll} data-testid="tickets-refresh">
              {t('tickets.refresh')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreateOpen(true)}
              data-testid="new-ticket"
            >
              {t('tickets.newTicket')}
            </Button>
          </Space>
        }
      />
      <div className="ws-queue">
        <Card
          size="small"
          title={t('tickets.views')}
          className="ws-views"
          extra={
            <Tooltip title={t('viewForm.create')}>
              <Button
                size="small"
                type="text"
                icon={<PlusOutlined />}
                aria-label={t('viewForm.create')}
                onClick={() => setViewModal({ view: null })}
                data-testid="view-create"
              />
            </Tooltip>
          }
        >
          <nav aria-label={t('tickets.views')}>
            <Menu
              mode="inline"
              selectedKeys={[currentKey]}
              data-testid="ticket-views"
              items={[
                ...BUILT_IN_VIEWS.map((v) => ({
                  key: v.key,
                  label: (
                    <Flex justify="space-between" align="center" data-testid={`view-${v.key}`}>
                      <span>{t(`tickets.builtIn.${v.key}`)}</span>
                      <span data-testid={`view-count-${v.key}`}>
                        {countLabel(counts[v.key]?.count, counts[v.key]?.more ?? false)}
                      </span>
                    </Flex>
                  ),
                  onClick: () => select({ kind: 'builtIn', view: v }),
                })),
                ...(savedViews.length > 0
                  ? [
                      {
                        type: 'group' as const,
                        key: 'saved',
                        label: t('tickets.savedViews'),
                        children: savedViews.map((v) => ({
                          key: `v:${v.id}`,
                          label: (
                            <Flex justify="space-between" align="center" data-testid={`view-saved-${v.id}`}>
                              <span className="ws-ellipsis">{v.name}</span>
                              {countLabel(v.count, false)}
                            </Flex>
                          ),
                          onClick: () => select({ kind: 'saved', id: v.id }),
                        })),
                      },
                    ]
                  : []),
              ]}
            />
          </nav>
        </Card>
        <div className="ws-list">
          <Flex justify="space-between" align="center" wrap gap={8} className="ws-toolbar">
            {selected.length > 0 ? (
              <Space wrap data-testid="bulk-bar">
                <Typography.Text strong>{t('tickets.selected', { count: selected.length })}</Typography.Text>
                <Select<TicketStatus>
                  placeholder={t('tickets.bulkStatus')}
                  aria-label={t('tickets.bulkStatus')}
                  style={{ width: 140 }}
                  value={null}
                  onChange={(status) => void runBulk({ status })}
                  options={SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  data-testid="bulk-status"
                />
                <Select<TicketPriority>
                  placeholder={t('tickets.bulkPriority')}
                  aria-label={t('tickets.bulkPriority')}
                  style={{ width: 140 }}
                  value={null}
                  onChange={(priority) => void runBulk({ priority })}
                  options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                  data-testid="bulk-priority"
                />
                <Select<string>
                  placeholder={t('tickets.bulkAssign')}
                  aria-label={t('tickets.bulkAssign')}
                  style={{ width: 180 }}
                  value={null}
                  onChange={(id) => void runBulk({ assigneeId: id === '' ? null : id })}
                  options={[
                    { value: '', label: t('tickets.unassigned') },
                    ...assignees.list.map((a) => ({ value: a.id, label: assignees.nameOf(a.id) })),
                  ]}
                  data-testid="bulk-assignee"
                />
                <Button type="link" onClick={() => setSelected([])}>
                  {t('tickets.clearSelection')}
                </Button>
              </Space>
            ) : currentSaved ? (
              <Space wrap>
                <Typography.Text strong>{currentSaved.name}</Typography.Text>
                {currentSaved.shared ? <Tag>{t('tickets.sharedView')}</Tag> : null}
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setViewModal({ view: currentSaved })}
                  data-testid="view-edit"
                >
                  {t('viewForm.edit')}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => confirmDelete(currentSaved)}
                  data-testid="view-delete"
                >
                  {t('viewForm.delete')}
                </Button>
              </Space>
            ) : (
              <span />
            )}
            <Space>
              <Typography.Text type="secondary">{t('tickets.sortBy')}</Typography.Text>
              <Select<TicketSortField | ''>
                aria-label={t('tickets.sortBy')}
                style={{ width: 150 }}
                value={sort ?? ''}
                onChange={(v) => setSort(v === '' ? null : v)}
                options={[
                  { value: '', label: t('tickets.sort.UPDATED_AT') },
                  ...SORTS.filter((s) => s !== 'UPDATED_AT').map((s) => ({
                    value: s,
                    label: t(`tickets.sort.${s}`),
                  })),
                ]}
              />
            </Space>
          </Flex>
          {error && list.items.length === 0 ? (
            <ErrorResult error={error} onRetry={() => load(false)} />
          ) : (
            <Table<Ticket>
              rowKey="id"
              size="middle"
              data-testid="tickets-table"
              columns={columns}
              dataSource={list.items}
              loading={loading && list.items.length === 0}
              pagination={false}
              locale={{ emptyText: t('tickets.empty') }}
              rowClassName={(_, index) => (index === active ? 'ws-row-active' : '')}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                columnTitle: undefined,
                getCheckboxProps: (ticket) => ({
                  'aria-label': t('tickets.selectRow', { number: ticket.number }),
                }),
              }}
              onRow={(ticket, index) =>
                ({
                  'data-testid': `ticket-row-${ticket.number}`,
                  'data-row-index': index,
                  onClick: (e: React.MouseEvent) => {
                    const target = e.target as HTMLElement;
                    if (target.closest('.ant-table-selection-column, a, button')) return;
                    openTicket(ticket);
                  },
                }) as React.HTMLAttributes<HTMLElement>
              }
            />
          )}
          {list.hasNextPage ? (
            <Flex justify="center" className="ws-more">
              <Button onClick={loadMore} loading={loading} data-testid="tickets-more">
                {t('tickets.loadMore')}
              </Button>
            </Flex>
          ) : null}
        </div>
      </div>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} page="list" />
      <ViewModal
        open={viewModal !== null}
        view={viewModal?.view ?? null}
        onClose={() => setViewModal(null)}
        onSaved={(id) => {
          setViewModal(null);
          views.refetch();
          if (viewModal?.view) load(false);
          else select({ kind: 'saved', id });
        }}
      />
      <CreateTicketModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(ticket) => {
          setCreateOpen(false);
          void navigate(`/workspace/tickets/${ticket.id}`);
        }}
      />
    </>
  );
}
