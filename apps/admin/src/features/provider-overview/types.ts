import type { ResultOf } from '../../api/operation';
import type { OverviewTenantsQuery } from './documents';

export type OverviewTenant = ResultOf<typeof OverviewTenantsQuery>['tenants']['items'][number];
