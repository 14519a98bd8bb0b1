import { graphql } from '../../api/generated';

export const CurrentTenantQuery = graphql(`
  query CurrentTenant {
    currentTenant {
      id
      name
      slug
      tier
      status
      locale
      timeZone
      createdAt
      plan {
        seats
        apiRatePerMinute
        storageMb
      }
      usage {
        users
        apiKeys
        requestsToday
        rateLimitedToday
      }
    }
  }
`);
