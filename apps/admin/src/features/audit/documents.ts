import { graphql } from '../../api/generated';

export const AuditLogQuery = graphql(`
  query AuditLog($filter: AuditFilter, $page: Int, $pageSize: Int) {
    auditLog(filter: $filter, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      items {
        id
        at
        tenantId
        action
        targetType
        targetId
        before
        after
        requestId
        actor {
          type
          id
          display
        }
      }
    }
  }
`);
