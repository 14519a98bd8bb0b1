import { RightOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../data/use-query';
import { TicketCountQuery, TicketViewsQuery } from './documents';
import { BUILT_IN_VIEWS } from './model';

function BuiltInCount({ viewKey }: { viewKey: string }) {
  const { t } = useTranslation('workspace');
  const view = BUILT_IN_VIEWS.find((v) => v.key === viewKey);
  const count = useQuery(TicketCountQuery, { where: view?.where ?? {} }, { skip: !view });
  if (!count.data) return null;
  const n = count.data.tickets.items.length;
  return (
    <Badge
      count={count.data.tickets.hasNextPage ? t('tickets.countMore', { count: n }) : n}
      showZero
      color={n > 0 ? '#1677ff' : '#bfbfbf'}
    />
  );
}

/** The inbox on the workspace home: the agent's working views with counts, each opening the queue. */
export function InboxSummary() {
  const { t } = useTranslation('workspace');
  const views = useQuery(TicketViewsQuery, {});
  return (
    <Flex vertical gap={4} className="plain-list" data-testid="inbox-summary">
      {BUILT_IN_VIEWS.filter((v) => v.key !== 'all' && v.key !== 'solved').map((v) => (
        <Link key={v.key} to={`/workspace/tickets?view=${v.key}`} className="plain-list-item">
          <Flex justify="space-between" align="center">
            <span>{t(`tickets.builtIn.${v.key}`)}</span>
            <BuiltInCount viewKey={v.key} />
          </Flex>
        </Link>
      ))}
      {views.loading && !views.data ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {(views.data?.ticketViews ?? []).map((v) => (
        <Link key={v.id} to={`/workspace/tickets?view=v:${v.id}`} className="plain-list-item">
          <Flex justify="space-between" align="center">
            <span>{v.name}</span>
            <Badge count={v.count} showZero color={v.count > 0 ? '#1677ff' : '#bfbfbf'} />
          </Flex>
        </Link>
      ))}
      <Flex justify="flex-end">
        <Link to="/workspace/tickets">
          <Button type="link" icon={<RightOutlined />} iconPlacement="end" tabIndex={-1}>
            {t('workspace.openQueue')}
          </Button>
        </Link>
      </Flex>
    </Flex>
  );
}
