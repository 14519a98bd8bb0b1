import type {
  IssuedKeyFieldsFragment,
  PlanLimitsInput,
  TenantFieldsFragment,
} from '../../api/generated/graphql';
import type { ResultOf } from '../../api/operation';
import type { OffboardTenantMutation, OnboardTenantMutation, TenantActivityQuery } from './documents';

/** A tenant as the provider's screens show it (the TenantFields fragment). */
export type Tenant = TenantFieldsFragment;
/** A key with its secret, handed over once after onboarding or rotation. */
export type IssuedKey = IssuedKeyFieldsFragment;
export type PlanLimits = PlanLimitsInput;
export type OnboardTenantResult = ResultOf<typeof OnboardTenantMutation>['onboardTenant'];
export type OffboardTenantResult = ResultOf<typeof OffboardTenantMutation>['offboardTenant'];
export type TenantActivityEntry = ResultOf<typeof TenantActivityQuery>['auditLog']['items'][number];
