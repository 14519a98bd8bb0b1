import type { TenantUserFieldsFragment } from '../../api/generated/graphql';

/** A member of the current tenant (own user or staffed provider agent). */
export type TenantUser = TenantUserFieldsFragment;
