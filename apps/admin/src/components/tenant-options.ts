import { graphql } from '../api/generated';

/** A light list of tenants for pickers and for naming tenants in provider views. */
export const TenantOptionsQuery = graphql(`
  query TenantOptions($search: String, $pageSize: Int) {
    tenants(search: $search, page: 1, pageSize: $pageSize) {
      total
      page
      pageSize
      items {
        id
        name
        slug
        status
      }
    }
  }
`);
