import { graphql } from '../../api/generated';

/** Every tenant's status and usage for the charts (one page; the API caps its size). */
export const OverviewTenantsQuery = graphql(`
  query OverviewTenants($pageSize: Int) {
    tenants(page: 1, pageSize: $pageSize) {
      total
      items {
        id
        name
        status
        usage {
          users
          apiKeys
          requestsToday
          rateLimitedToday
        }
      }
    }
  }
`);
