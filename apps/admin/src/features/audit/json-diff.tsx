import { Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Change = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  change: Change;
}

const MISSING = Symbol('missing');

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix || '(value)', value);
}

/** Flattens two snapshots to dotted paths and pairs them up; changed fields first. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, '', a);
  if (after !== null && after !== undefined) flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const rows = paths.map((path): DiffRow => {
    const left = a.has(path) ? a.get(path) : MISSING;
    const right = b.has(path) ? b.get(path) : MISSING;
    const change: Change =
      left === MISSING
        ? 'added'
        : right === MISSING
          ? 'removed'
          : JSON.stringify(left) === JSON.stringify(right)
            ? 'unchanged'
            : 'changed';
    return {
      path,
      before: left === MISSING ? undefined : left,
      after: right === MISSING ? undefined : right,
      change,
    };
  });
  const order: Record<Change, number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };
  return rows.sort((x, y) => order[x.change] - order[y.change] || x.path.localeCompare(y.path));
}

function show(value: unknown) {
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <Typography.Text className="mono" style={{ wordBreak: 'break-all' }}>
      {text}
    </Typography.Text>
  );
}

const CHANGE_COLOR: Record<Change, string> = {
  added: 'green',
  removed: 'red',
  changed: 'orange',
  unchanged: 'default',
};

/** Before/after of an audit record, field by field. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('audit');
  const rows = diffSnapshots(before, after);
  if (rows.length === 0)
    return <Empty description={t('audit.noSnapshot')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table<DiffRow>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={rows}
      rowClassName={(row) => `diff-row diff-${row.change}`}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'path',
          width: '28%',
          render: (path: string) => <span className="mono">{path}</span>,
        },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          width: '32%',
          render: (_v: unknown, row) => show(row.before),
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          width: '32%',
          render: (_v: unknown, row) => show(row.after),
        },
        {
          title: '',
          dataIndex: 'change',
          width: 90,
          render: (change: Change) => <Tag color={CHANGE_COLOR[change]}>{t(`audit.change.${change}`)}</Tag>,
        },
      ]}
    />
  );
}
