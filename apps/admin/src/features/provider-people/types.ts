import type { ProviderUserFieldsFragment } from '../../api/generated/graphql';

/** A provider admin or agent with the tenants they are staffed on. */
export type ProviderUser = ProviderUserFieldsFragment;
