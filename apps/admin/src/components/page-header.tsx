import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from './use-document-title';

export interface Crumb {
  title: ReactNode;
  to?: string;
}

export function PageHeader({
  title,
  subtitle,
  crumbs,
  extra,
  tags,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  crumbs?: Crumb[];
  extra?: ReactNode;
  tags?: ReactNode;
}) {
  useDocumentTitle(typeof title === 'string' ? title : null);
  return (
    <div className="page-header">
      {crumbs && crumbs.length > 0 ? (
        <Breadcrumb
          className="page-header-crumbs"
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      ) : null}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div className="page-header-main">
          <Flex align="center" gap={12} wrap>
            <Typography.Title level={3} className="page-header-title">
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </div>
  );
}
